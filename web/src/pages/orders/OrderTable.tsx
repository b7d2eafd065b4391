import { Anchor, Stack, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { OrderSummary } from "../../api/orders";
import { TableHead } from "../../components/TableHead";
import { formatPhone } from "../../lib/phone";
import { useFormat } from "../../lib/useFormat";
import { formatRupiah } from "../../lib/rupiah";
import { OrderStatusBadge } from "./OrderStatusBadge";

/** A page of orders: number (links to the order), date, customer, items, total, payment, status. */
export function OrderTable({ orders }: { orders: OrderSummary[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped highlightOnHover verticalSpacing="xs" data-testid="order-table">
        <TableHead
          columns={[
            t("orders.col.number"),
            t("orders.col.date"),
            t("orders.col.customer"),
            t("orders.col.items"),
            t("orders.col.total"),
            t("orders.col.payment"),
            t("orders.col.status"),
          ]}
        />
        <Table.Tbody>
          {orders.map((o) => (
            <Table.Tr key={o.id} data-testid="order-row">
              <Table.Td>
                <Anchor
                  component={Link}
                  to={`/orders/${o.id}`}
                  size="sm"
                  fw={600}
                  style={{ whiteSpace: "nowrap" }}
                >
                  {o.number}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="xs">{f.dateTime(o.placedAt)}</Text>
              </Table.Td>
              <Table.Td>
                <Stack gap={0}>
                  <Text size="sm">{o.customer.name ?? formatPhone(o.customer.phone)}</Text>
                  {o.customer.name && (
                    <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
                      {formatPhone(o.customer.phone)}
                    </Text>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{f.number(o.itemCount)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: "nowrap" }} data-testid="order-total">
                  {formatRupiah(o.total)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{t(`orders.payment.${o.paymentMethod}`)}</Text>
              </Table.Td>
              <Table.Td>
                <OrderStatusBadge status={o.status} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
