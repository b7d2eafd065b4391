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

/** An order's status as a coloured badge. */
export function OrderStatusBadge({
  status,
  size = "sm",
}: {
  status: OrderStatus;
  size?: "xs" | "sm" | "md";
}) {
  const { t } = useTranslation();
  return (
    <Badge color={ORDER_STATUS_COLORS[status]} variant="light" size={size} data-testid="order-status">
      {t(`orders.status.${status}`)}
    </Badge>
  );
}
