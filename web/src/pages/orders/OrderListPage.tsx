import { Button, Center, Group, Menu, Pagination, Paper, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import {
  NO_ORDER_FILTERS,
  ORDERS_PAGE_SIZE,
  orderExportUrl,
  useOrders,
  type OrderFilters,
} from "../../api/orders";
import { useCan } from "../../api/session";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { OrderFiltersBar } from "./OrderFiltersBar";
import { OrderTable } from "./OrderTable";

/** Whether any filter is set. */
const filtered = (f: OrderFilters) =>
  Object.entries(f).some(([, v]) => (Array.isArray(v) ? v.length > 0 : v !== ""));

/**
 * /orders: the shop's orders, newest first, filtered and paged by the server; export of what
 * the filters match (with `orders.export`, as the API). `?contactId=` opens it on one customer's orders (from a contact's panel).
 */
export function OrderListPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [filters, setFilters] = useState<OrderFilters>({
    ...NO_ORDER_FILTERS,
    contactId: params.get("contactId") ?? "",
  });
  const [page, setPage] = useState(1);
  const query = useOrders(filters, page);
  const can = useCan();
  const active = filtered(filters);
  const change = (patch: Partial<OrderFilters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };
  const clear = () => change(NO_ORDER_FILTERS);
  const pages = Math.ceil((query.data?.total ?? 0) / ORDERS_PAGE_SIZE);
  return (
    <>
      <PageHeader title={t("orders.title")}>
        {can("orders.export") && (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button variant="default" data-testid="export-menu">
                {t("orders.export.button")}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item
                component="a"
                href={orderExportUrl(filters, "csv")}
                download
                data-testid="export-csv"
              >
                {t("orders.export.csv")}
              </Menu.Item>
              <Menu.Item
                component="a"
                href={orderExportUrl(filters, "xlsx")}
                download
                data-testid="export-xlsx"
              >
                {t("orders.export.xlsx")}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        )}
        <Button component={Link} to="/orders/new" data-testid="new-order">
          {t("orders.new")}
        </Button>
      </PageHeader>
      <Paper withBorder radius="md" p="md">
        <OrderFiltersBar filters={filters} onChange={change} active={active} onClear={clear} />
        <Stack gap="md">
          <QueryState query={query}>
            {(p) =>
              p.total === 0 ? (
                <Center py="xl" data-testid="empty">
                  <Stack align="center" gap="sm">
                    <Text c="dimmed" ta="center">
                      {active ? t("orders.empty.filtered") : t("orders.empty.none")}
                    </Text>
                    {active ? (
                      <Button variant="light" onClick={clear} data-testid="empty-clear">
                        {t("orders.filter.clear")}
                      </Button>
                    ) : (
                      <Button component={Link} to="/orders/new" data-testid="empty-create">
                        {t("orders.new")}
                      </Button>
                    )}
                  </Stack>
                </Center>
              ) : (
                <OrderTable orders={p.items} />
              )
            }
          </QueryState>
          {pages > 1 && (
            <Group justify="center">
              <Pagination total={pages} value={page} onChange={setPage} size="sm" />
            </Group>
          )}
        </Stack>
      </Paper>
    </>
  );
}
