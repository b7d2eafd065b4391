import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { OrderStatus } from "../../api/orders";

/** One colour per order status: open ones cool to warm along the flow, closed ones green / red / orange. */
export const ORDER_STATUS_COLORS: Record<OrderStatus, string> = {
  draft: "gray",
  new: "blue",
  confirmed: "cyan",
  paid: "teal",
  packed: "indigo",
  shipped: "violet",
  completed: "green",
  cancelled: "red",
  returned: "orange",
};

/** An order's status as a coloured badge (`testId`: the order page's own status is told apart from its history's). */
export function OrderStatusBadge({
  status,
  size = "sm",
  testId = "order-status",
}: {
  status: OrderStatus;
  size?: "xs" | "sm" | "md";
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Badge color={ORDER_STATUS_COLORS[status]} variant="light" size={size} data-testid={testId}>
      {t(`orders.status.${status}`)}
    </Badge>
  );
}
