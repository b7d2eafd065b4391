import { Anchor, Group, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useOrders } from "../../api/orders";
import { QueryState } from "../../components/QueryState";
import { useFormat } from "../../lib/useFormat";
import { formatRupiah } from "../../lib/rupiah";
import { OrderStatusBadge } from "./OrderStatusBadge";

/**
 * A customer's last 5 orders (number → the order, status, total, date) and a link to all of
 * them; for the inbox's contact panel and the contact page. "Belum pernah pesan" when none.
 */
export function CustomerOrders({ contactId }: { contactId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const query = useOrders({ contactId }, 1, 5);
  return (
    <QueryState query={query}>
      {(p) =>
        p.total === 0 ? (
          <Text size="xs" c="dimmed" data-testid="customer-orders-empty">
            {t("orders.customerOrders.none")}
          </Text>
        ) : (
          <Stack gap={6} data-testid="customer-orders">
            {p.items.map((o) => (
              <Stack key={o.id} gap={0} data-testid="customer-order">
                <Group gap={6} wrap="wrap">
                  <Anchor component={Link} to={`/orders/${o.id}`} size="xs" fw={600}>
                    {o.number}
                  </Anchor>
                  <OrderStatusBadge status={o.status} size="xs" />
                </Group>
                <Text size="xs" c="dimmed">
                  {formatRupiah(o.total)} · {f.dateTime(o.placedAt)}
                </Text>
              </Stack>
            ))}
            {p.total > p.items.length && (
              <Anchor component={Link} to={`/orders?contactId=${contactId}`} size="xs">
                {t("orders.customerOrders.all")}
              </Anchor>
            )}
          </Stack>
        )
      }
    </QueryState>
  );
}
