import { Alert, Button, Group, Modal, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage, fieldError } from "../../api/client";
import { useMoveOrder, type MoveOrderInput, type Order, type OrderStatus } from "../../api/orders";
import { ORDER_STATUS_COLORS } from "./OrderStatusBadge";

/** Moves that ask something first: the courier, a reason, or only "are you sure" (the order closes). */
type Ask = "ship" | "reason" | "confirm" | null;

const askOf = (to: OrderStatus): Ask =>
  to === "shipped"
    ? "ship"
    : to === "cancelled" || to === "returned"
      ? "reason"
      : to === "completed"
        ? "confirm"
        : null;

/**
 * One button per status the order may move to now (`order.next`, the server's rule). "Kirim"
 * asks the courier (required) and tracking number; "Batalkan"/"Retur" ask a reason
 * (required); "Selesai" asks to confirm, as the order cannot change afterwards. A refusal
 * (409 `illegal_order_transition`…) shows its message.
 */
export function OrderActions({ order }: { order: Order }) {
  const { t } = useTranslation();
  const move = useMoveOrder(order.id);
  const [target, setTarget] = useState<OrderStatus | null>(null);
  const [courier, setCourier] = useState(order.courier ?? "");
  const [tracking, setTracking] = useState(order.trackingNumber ?? "");
  const [reason, setReason] = useState("");
  const [tried, setTried] = useState(false);
  const ask = target ? askOf(target) : null;

  const go = (input: MoveOrderInput) =>
    move.mutate(input, {
      onSuccess: (o) => {
        setTarget(null);
        notifications.show({ color: "teal", message: t(`orders.status.${o.status}`) });
      },
    });

  const open = (to: OrderStatus) => {
    move.reset();
    setTried(false);
    setReason("");
    if (askOf(to)) setTarget(to);
    else go({ status: to });
  };

  const submit = () => {
    setTried(true);
    if (!target) return;
    if (ask === "ship") {
      if (!courier.trim()) return;
      go({
        status: target,
        courier: courier.trim(),
        ...(tracking.trim() ? { trackingNumber: tracking.trim() } : {}),
      });
    } else if (ask === "reason") {
      if (!reason.trim()) return;
      go({ status: target, reason: reason.trim() });
    } else go({ status: target });
  };

  if (order.next.length === 0) return null;
  const title =
    target === "shipped"
      ? t("orders.action.shipTitle", { number: order.number })
      : target === "cancelled"
        ? t("orders.action.cancelTitle", { number: order.number })
        : target === "returned"
          ? t("orders.action.returnTitle", { number: order.number })
          : t("orders.action.completeTitle", { number: order.number });
  return (
    <Stack gap="xs">
      <Group gap="xs" data-testid="order-actions">
        {order.next.map((to) => (
          <Button
            key={to}
            size="sm"
            color={ORDER_STATUS_COLORS[to]}
            variant={to === "cancelled" || to === "returned" ? "light" : "filled"}
            loading={move.isPending && move.variables?.status === to && target === null}
            onClick={() => open(to)}
            data-testid={`move-${to}`}
          >
            {t(`orders.action.${to}`)}
          </Button>
        ))}
      </Group>
      {move.isError && target === null && (
        <Alert color="red" role="alert" data-testid="move-error">
          {errorMessage(move.error)}
        </Alert>
      )}
      <Modal opened={target !== null} onClose={() => setTarget(null)} title={title} centered>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
          noValidate
        >
          <Stack gap="sm">
            {ask === "ship" && (
              <>
                <TextInput
                  label={t("orders.action.courier")}
                  placeholder={t("orders.action.courierPlaceholder")}
                  value={courier}
                  onChange={(e) => setCourier(e.currentTarget.value)}
                  required
                  maxLength={100}
                  error={
                    (tried && !courier.trim() ? t("orders.action.courierRequired") : undefined) ??
                    fieldError(move.error, "courier")
                  }
                  data-autofocus
                  data-testid="ship-courier"
                />
                <TextInput
                  label={t("orders.action.trackingNumber")}
                  value={tracking}
                  onChange={(e) => setTracking(e.currentTarget.value)}
                  maxLength={100}
                  error={fieldError(move.error, "trackingNumber")}
                  data-testid="ship-tracking"
                />
              </>
            )}
            {ask === "reason" && (
              <>
                <Textarea
                  label={t("orders.action.reason")}
                  value={reason}
                  onChange={(e) => setReason(e.currentTarget.value)}
                  required
                  maxLength={500}
                  autosize
                  minRows={2}
                  error={
                    (tried && !reason.trim() ? t("orders.action.reasonRequired") : undefined) ??
                    fieldError(move.error, "reason")
                  }
                  data-autofocus
                  data-testid="move-reason"
                />
                <Text size="sm" c="dimmed">
                  {t("orders.action.closeWarning")}
                </Text>
              </>
            )}
            {ask === "confirm" && <Text size="sm">{t("orders.action.completeMessage")}</Text>}
            {move.isError && (
              <Alert color="red" role="alert" data-testid="move-error">
                {errorMessage(move.error)}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setTarget(null)}>
                {t("orders.action.back")}
              </Button>
              <Button
                type="submit"
                color={target ? ORDER_STATUS_COLORS[target] : undefined}
                loading={move.isPending}
                data-testid="move-submit"
              >
                {target ? t(`orders.action.${target}`) : ""}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Stack>
  );
}
