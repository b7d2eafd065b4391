import { Anchor, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { SalesSummary } from "../../api/reports";
import { formatPhone } from "../../lib/phone";
import { useFormat } from "../../lib/useFormat";
import { formatRupiah as rupiah } from "../../lib/rupiah";

/** A titled panel holding a table (scrolls sideways on a narrow screen). */
function Panel({
  title,
  testId,
  children,
  action,
}: {
  title: string;
  testId: string;
  children: ReactNode;
  action?: ReactNode;
}) {
  return (
    <Paper withBorder p="md" radius="md" data-testid={testId}>
      <Stack gap="xs">
        <Text fw={500}>{title}</Text>
        {action}
        {children}
      </Stack>
    </Paper>
  );
}

/** A table with its header; `rows` are arrays of cells, numbers right-aligned by `numeric` columns. */
function Grid({ head, rows, numeric }: { head: string[]; rows: ReactNode[][]; numeric: number[] }) {
  const { t } = useTranslation();
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t("reports.nothing")}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={320}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            {head.map((h, i) => (
              <Table.Th key={h} ta={numeric.includes(i) ? "right" : undefined}>
                {h}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((cells, r) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are a ranking, their place is their identity
            <Table.Tr key={r}>
              {cells.map((c, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: fixed columns
                <Table.Td key={i} ta={numeric.includes(i) ? "right" : undefined}>
                  {c}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Orders by status, top customers and products, provinces and cities, the repeat rate, reminder conversion. */
export function SummaryPanels({ summary: s }: { summary: SalesSummary }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [productsBy, setProductsBy] = useState<"revenue" | "quantity">("revenue");
  const products = productsBy === "revenue" ? s.topProducts : s.topProductsByQuantity;
  const province = (r: { provinceName: string | null; province: string | null }) =>
    r.provinceName ?? r.province ?? t("reports.unknownProvince");
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <Panel title={t("reports.topCustomers")} testId="top-customers">
        <Grid
          head={[t("reports.customer"), t("reports.orders"), t("reports.revenue")]}
          numeric={[1, 2]}
          rows={s.topCustomers.map((c) => [
            <Stack gap={0} key="who">
              {c.contactId ? (
                <Anchor component={Link} to={`/contacts/${c.contactId}`} size="sm">
                  {c.name ?? formatPhone(c.phone)}
                </Anchor>
              ) : (
                <Text size="sm">{c.name ?? formatPhone(c.phone)}</Text>
              )}
              <Text size="xs" c="dimmed">
                {formatPhone(c.phone)}
              </Text>
            </Stack>,
            f.number(c.orders),
            rupiah(c.revenue),
          ])}
        />
      </Panel>
      <Panel
        title={t("reports.topProducts")}
        testId="top-products"
        action={
          <SegmentedControl
            size="xs"
            value={productsBy}
            onChange={(v) => setProductsBy(v === "quantity" ? "quantity" : "revenue")}
            data={[
              { value: "revenue", label: t("reports.byRevenue") },
              { value: "quantity", label: t("reports.byQuantity") },
            ]}
            data-testid="products-by"
          />
        }
      >
        <Grid
          head={[t("reports.product"), t("reports.quantity"), t("reports.revenue")]}
          numeric={[1, 2]}
          rows={products.map((p) => [p.name, f.number(p.quantity), rupiah(p.revenue)])}
        />
      </Panel>
      <Panel title={t("reports.byStatus")} testId="by-status">
        <Grid
          head={[t("reports.statusColumn"), t("reports.orders"), t("reports.revenue")]}
          numeric={[1, 2]}
          rows={s.byStatus
            .filter((b) => b.orders > 0)
            .map((b) => [t(`orders.status.${b.status}`), f.number(b.orders), rupiah(b.total)])}
        />
      </Panel>
      <Panel title={t("reports.repeat")} testId="repeat-rate">
        <Text size="xl" fw={700}>
          {`${f.number(Math.round(s.repeat.rate * 1000) / 10)}%`}
        </Text>
        <Text size="sm" c="dimmed">
          {t("reports.repeatHint", {
            repeat: f.number(s.repeat.repeatCustomers),
            customers: f.number(s.repeat.customers),
          })}
        </Text>
        <Text fw={500} mt="md">
          {t("reports.reminders")}
        </Text>
        <Stack gap={0} data-testid="reminder-conversion">
          {s.reminders.sent === 0 ? (
            <Text size="sm" c="dimmed">
              {t("reports.remindersNone")}
            </Text>
          ) : (
            <>
              <Text size="lg" fw={700}>
                {`${f.number(Math.round(s.reminders.rate * 1000) / 10)}%`}
              </Text>
              <Text size="sm" c="dimmed">
                {t("reports.remindersHint", {
                  converted: f.number(s.reminders.converted),
                  sent: f.number(s.reminders.sent),
                  revenue: rupiah(s.reminders.revenue),
                })}
              </Text>
            </>
          )}
        </Stack>
      </Panel>
      <Panel title={t("reports.provinces")} testId="provinces">
        <Grid
          head={[t("reports.province"), t("reports.customers"), t("reports.orders"), t("reports.revenue")]}
          numeric={[1, 2, 3]}
          rows={s.provinces.map((p) => [
            province(p),
            f.number(p.customers),
            f.number(p.orders),
            rupiah(p.revenue),
          ])}
        />
      </Panel>
      <Panel title={t("reports.cities")} testId="cities">
        <Grid
          head={[t("reports.city"), t("reports.province"), t("reports.customers"), t("reports.revenue")]}
          numeric={[2, 3]}
          rows={s.cities.map((c) => [c.city, province(c), f.number(c.customers), rupiah(c.revenue)])}
        />
      </Panel>
    </SimpleGrid>
  );
}
