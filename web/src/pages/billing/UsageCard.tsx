import { Group, Paper, Progress, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { BillingSummary } from "../../api/billing";
import { useFormat } from "../../lib/useFormat";

/** Percent of `allowed` used, capped at 100 (0 for nothing allowed). */
const percent = (used: number, allowed: number) =>
  allowed > 0 ? Math.min(100, (used / allowed) * 100) : 100;
/** Red when full, yellow from 80 %. */
const color = (p: number) => (p >= 100 ? "red" : p >= 80 ? "yellow" : "teal");

/** One limit's bar: `used` of `allowed` (null: unlimited, no bar). */
function Bar({
  label,
  used,
  allowed,
  testId,
}: {
  label: string;
  used: number;
  allowed: number | null;
  testId: string;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const p = allowed === null ? 0 : percent(used, allowed);
  return (
    <Stack gap={4} data-testid={testId}>
      <Group justify="space-between">
        <Text size="sm" fw={500}>
          {label}
        </Text>
        <Text size="sm" c="dimmed">
          {allowed === null
            ? t("billing.usage.unlimited", { used: f.number(used) })
            : t("billing.usage.of", { used: f.number(used), allowed: f.number(allowed) })}
        </Text>
      </Group>
      {allowed !== null && <Progress value={p} color={color(p)} aria-label={label} />}
    </Stack>
  );
}

/**
 * This period's usage: messages (the period's allowance used, top-ups left, unlimited shown
 * as such), and numbers, staff and contacts against the package's limits.
 */
export function UsageCard({ billing }: { billing: BillingSummary }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { messages: m, usage, package: p } = billing;
  const mp = m.periodUnits === null ? 0 : percent(m.periodUsed, m.periodUnits);
  return (
    <Paper withBorder radius="md" p="md">
      <Title order={4} mb="sm">
        {t("billing.usage.title")}
      </Title>
      <Stack gap={4} mb="md" data-testid="usage-messages">
        <Group justify="space-between">
          <Text size="sm" fw={500}>
            {t("billing.usage.messages")}
          </Text>
          <Text size="sm" c="dimmed">
            {m.periodUnits === null
              ? t("billing.usage.messagesUnlimited", { used: f.number(m.periodUsed) })
              : t("billing.usage.messagesUsed", {
                  used: f.number(m.periodUsed),
                  total: f.number(m.periodUnits),
                })}
          </Text>
        </Group>
        {m.periodUnits !== null && (
          <Progress value={mp} color={color(mp)} aria-label={t("billing.usage.messages")} />
        )}
        <Group gap="lg">
          <Text size="xs" c="dimmed">
            {t("billing.usage.topupLeft", { n: f.number(m.topupLeft) })}
          </Text>
          {m.left !== null && (
            <Text size="xs" c="dimmed">
              {t("billing.usage.left", { n: f.number(m.left) })}
            </Text>
          )}
        </Group>
      </Stack>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Bar
          label={t("billing.usage.numbers")}
          used={usage.numbers}
          allowed={p.numbersLimit}
          testId="usage-numbers"
        />
        <Bar
          label={t("billing.usage.staff")}
          used={usage.staff}
          allowed={p.staffLimit}
          testId="usage-staff"
        />
        <Bar
          label={t("billing.usage.contacts")}
          used={usage.contacts}
          allowed={p.contactsLimit}
          testId="usage-contacts"
        />
      </SimpleGrid>
    </Paper>
  );
}
