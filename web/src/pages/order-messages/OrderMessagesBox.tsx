import { Alert, Badge, Group, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { type OrderMessage, useOrderCod, useOrderMessages } from "../../api/orderMessages";
import { useFormat } from "../../lib/useFormat";

const OUTCOME_COLOR: Record<OrderMessage["outcome"], string> = {
  scheduled: "blue",
  sent: "green",
  failed: "red",
  cancelled: "gray",
};

/**
 * The order's messages to the customer (event, outcome with its reason, time), latest first,
 * and its COD confirmation: "COD belum dikonfirmasi" stands out when no answer came.
 */
export function OrderMessagesBox({ orderId }: { orderId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const messages = useOrderMessages(orderId).data ?? [];
  const cod = useOrderCod(orderId).data ?? null;
  return (
    <Stack gap="xs" data-testid="order-messages">
      {cod && (
        <Alert
          color={cod.state === "flagged" ? "orange" : cod.state === "cancelled" ? "red" : "blue"}
          variant={cod.state === "flagged" ? "filled" : "light"}
          title={t("orderMessages.cod.label")}
          data-testid="order-cod"
        >
          {t(`orderMessages.cod.${cod.state}`)}
        </Alert>
      )}
      {messages.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("orderMessages.log.empty")}
        </Text>
      ) : (
        messages.map((m) => (
          <Stack key={m.id} gap={2} data-testid="order-message">
            <Group justify="space-between" wrap="nowrap">
              <Text size="sm" fw={500}>
                {t(`orderMessages.event.${m.event}`)}
              </Text>
              <Badge color={OUTCOME_COLOR[m.outcome]} variant="light" size="sm">
                {t(`orderMessages.log.outcome.${m.outcome}`)}
              </Badge>
            </Group>
            <Text size="xs" c="dimmed">
              {f.dateTime(m.sentAt ?? m.createdAt)}
              {m.reason ? ` · ${t(`orderMessages.log.reason.${m.reason}`, { defaultValue: m.reason })}` : ""}
            </Text>
          </Stack>
        ))
      )}
    </Stack>
  );
}
