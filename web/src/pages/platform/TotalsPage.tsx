import { Group, Paper, SimpleGrid, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { SUBSCRIPTION_STATUSES, usePlatformTotals } from "../../api/platform";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { formatRupiah } from "../../lib/rupiah";
import { usePlatformFormat } from "./format";

/** One figure with its label. */
function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={26} fw={700} data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}

/** `/platform`: shops by subscription status, revenue this month and in all, message units sent this month. */
export function TotalsPage() {
  const { t } = useTranslation();
  const f = usePlatformFormat();
  const totals = usePlatformTotals();
  return (
    <>
      <PageHeader title={t("platform.totals.title")} />
      <QueryState query={totals}>
        {(data) => (
          <>
            <SimpleGrid cols={{ base: 1, sm: 3 }} mb="lg">
              <Figure
                label={t("platform.totals.revenueMonth")}
                value={formatRupiah(data.revenue.thisMonth)}
                testId="revenue-month"
              />
              <Figure
                label={t("platform.totals.revenueTotal")}
                value={formatRupiah(data.revenue.total)}
                testId="revenue-total"
              />
              <Figure
                label={t("platform.totals.messagesMonth")}
                value={f.number(data.messagesThisMonth)}
                testId="messages-month"
              />
            </SimpleGrid>
            <Title order={4} mb="sm">
              {t("platform.totals.shops", { count: data.shops.total })}
            </Title>
            <Group gap="md">
              {SUBSCRIPTION_STATUSES.map((s) => (
                <Paper key={s} withBorder radius="md" p="sm" miw={130} data-testid={`shops-${s}`}>
                  <Text size="sm" c="dimmed">
                    {t(`platform.status.${s}`)}
                  </Text>
                  <Text fz={22} fw={700}>
                    {f.number(data.shops[s])}
                  </Text>
                </Paper>
              ))}
            </Group>
          </>
        )}
      </QueryState>
    </>
  );
}
