import { Button, Grid, Menu, Paper, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { AUTO_REPLY_TYPES, useRules } from "../../api/automation";
import { useCan, useChannels } from "../../api/session";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { RulesTable } from "./RulesTable";
import { TestPanel } from "./TestPanel";
import { useAutomationLive } from "./useAutomationLive";

/** /automation: the shop's auto-reply rules (live trigger counts) and the "test a message" panel. */
export function AutomationPage() {
  const { t } = useTranslation();
  const can = useCan();
  const query = useRules();
  const channels = useChannels().data ?? [];
  useAutomationLive();
  return (
    <>
      <PageHeader title={t("automation.title")}>
        {can("automation.create") && (
          <Menu position="bottom-end">
            <Menu.Target>
              <Button data-testid="new-rule">{t("automation.new")}</Button>
            </Menu.Target>
            <Menu.Dropdown>
              {AUTO_REPLY_TYPES.map((type) => (
                <Menu.Item
                  key={type}
                  component={Link}
                  to={`/automation/new?type=${type}`}
                  data-testid={`new-rule-${type}`}
                >
                  {t(`automation.types.${type}`)}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        )}
      </PageHeader>
      <Text c="dimmed" size="sm" mb="md">
        {t("automation.intro")}
      </Text>
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, xl: 8 }}>
          <Paper withBorder radius="md" p="md">
            <QueryState
              query={query}
              empty={can("automation.create") ? t("automation.empty") : t("automation.emptyAgent")}
              isEmpty={(list) => list.length === 0}
            >
              {(rules) => (
                <RulesTable rules={rules} channels={channels} canUpdate={can("automation.update")} />
              )}
            </QueryState>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, xl: 4 }}>
          <Paper withBorder radius="md" p="md">
            <TestPanel channels={channels} />
          </Paper>
        </Grid.Col>
      </Grid>
    </>
  );
}
