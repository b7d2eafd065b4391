import { Anchor, Group, Paper, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useTodaySales } from "../../api/reports";
import { useCan } from "../../api/session";
import { formatRupiah as rupiah } from "../../lib/rupiah";

/** Today's orders and revenue (the shop's day, GET /reports/today; one outlet's with `outletId`) with a link to the reports; with `reports.read`. */
export function TodaySales({ outletId = null }: { outletId?: string | null }) {
  const { t } = useTranslation();
  const allowed = useCan()("reports.read");
  const today = useTodaySales(allowed, outletId);
  if (!allowed) return null;
  const d = today.data;
  return (
    <Paper withBorder p="md" radius="md" data-testid="today-sales">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {t("reports.today.title")}
          </Text>
          <Group gap="md" align="baseline">
            <Text size="xl" fw={700} data-testid="today-revenue">
              {d ? rupiah(d.revenue) : "…"}
            </Text>
            <Text size="sm" c="dimmed" data-testid="today-orders">
              {d ? t("reports.today.orders", { count: d.orders }) : ""}
            </Text>
          </Group>
        </div>
        <Anchor component={Link} to="/reports" size="sm">
          {t("reports.today.open")}
        </Anchor>
      </Group>
    </Paper>
  );
}
