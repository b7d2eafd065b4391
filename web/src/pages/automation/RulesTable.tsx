import { Anchor, Badge, Switch, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useUpdateRule, type AutoReplyRule } from "../../api/automation";
import { errorMessage } from "../../api/client";
import type { Channel } from "../../api/types";
import { useFormat } from "../../lib/useFormat";

interface Props {
  rules: AutoReplyRule[];
  channels: Channel[];
  /** Whether the user holds `automation.update` (switches rules on and off); others only see. */
  canUpdate: boolean;
}

/** The rules in the order they are tried, each with its switch and how often it fired. */
export function RulesTable({ rules, channels, canUpdate }: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  const update = useUpdateRule();
  const channelName = (id: string | null) =>
    id ? (channels.find((c) => c.id === id)?.name ?? "…") : t("automation.allChannels");
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table highlightOnHover verticalSpacing="sm" data-testid="rules-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("automation.list.name")}</Table.Th>
            <Table.Th>{t("automation.list.type")}</Table.Th>
            <Table.Th>{t("automation.list.priority")}</Table.Th>
            <Table.Th>{t("automation.list.channel")}</Table.Th>
            <Table.Th ta="right">{t("automation.list.triggers")}</Table.Th>
            <Table.Th>{t("automation.list.lastTriggered")}</Table.Th>
            <Table.Th>{t("automation.list.enabled")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rules.map((r) => (
            <Table.Tr key={r.id} data-testid="rule-row" data-rule-id={r.id}>
              <Table.Td>
                <Anchor component={Link} to={`/automation/${r.id}`} fw={500}>
                  {r.name}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Badge variant="light" size="sm">
                  {t(`automation.types.${r.type}`)}
                </Badge>
              </Table.Td>
              <Table.Td>{r.priority}</Table.Td>
              <Table.Td>
                <Text size="sm">{channelName(r.channelId)}</Text>
              </Table.Td>
              <Table.Td ta="right" data-testid="rule-triggers">
                {f.number(r.triggerCount)}
              </Table.Td>
              <Table.Td>
                <Text size="sm" data-testid="rule-last">
                  {r.lastTriggeredAt ? f.dateTime(r.lastTriggeredAt) : t("automation.never")}
                </Text>
              </Table.Td>
              <Table.Td>
                <Switch
                  checked={r.enabled}
                  disabled={!canUpdate}
                  aria-label={t("automation.list.enableRule", { name: r.name })}
                  onChange={(e) =>
                    update.mutate(
                      { id: r.id, change: { enabled: e.currentTarget.checked } },
                      { onError: (err) => notifications.show({ color: "red", message: errorMessage(err) }) },
                    )
                  }
                  data-testid="rule-enabled-switch"
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
