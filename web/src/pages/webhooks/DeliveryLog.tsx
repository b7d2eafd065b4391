import { Badge, Button, Code, Modal, Stack, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import {
  useRedeliverWebhook,
  useWebhookDeliveries,
  type WebhookDelivery,
  type WebhookEndpoint,
} from "../../api/webhooks";
import { useCan } from "../../api/session";
import { QueryState } from "../../components/QueryState";
import { TableHead } from "../../components/TableHead";
import { useFormat } from "../../lib/useFormat";

const STATUS_COLOR = { pending: "orange", succeeded: "teal", failed: "red" } as const;

/**
 * An endpoint's delivery log (the 50 newest): each delivery's event, status, and its last
 * attempt's status code, latency and answer excerpt (or error), with a redeliver button.
 */
export function DeliveryLog({
  endpoint,
  onClose,
}: {
  endpoint: WebhookEndpoint | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={endpoint !== null}
      onClose={onClose}
      title={endpoint ? t("webhooks.logTitle", { url: endpoint.url }) : ""}
      size="90%"
      centered
    >
      {endpoint && <Deliveries endpoint={endpoint} />}
    </Modal>
  );
}

function Deliveries({ endpoint }: { endpoint: WebhookEndpoint }) {
  const { t } = useTranslation();
  const query = useWebhookDeliveries(endpoint.id);
  return (
    <QueryState query={query} empty={t("webhooks.logEmpty")} isEmpty={(l) => l.length === 0}>
      {(list) => (
        <Table.ScrollContainer minWidth={860}>
          <Table verticalSpacing="xs" data-testid="webhook-deliveries">
            <TableHead
              columns={[
                t("webhooks.when"),
                t("webhooks.event_"),
                t("webhooks.status"),
                t("webhooks.code"),
                t("webhooks.latency"),
                t("webhooks.excerpt"),
                t("webhooks.attempts"),
                "",
              ]}
            />
            <Table.Tbody>
              {list.map((d) => (
                <DeliveryRow key={d.id} endpointId={endpoint.id} delivery={d} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </QueryState>
  );
}

function DeliveryRow({ endpointId, delivery: d }: { endpointId: string; delivery: WebhookDelivery }) {
  const { t } = useTranslation();
  const format = useFormat();
  const redeliver = useRedeliverWebhook();
  const mayRedeliver = useCan()("webhooks.update");
  const last = d.attempts.at(-1);
  return (
    <Table.Tr data-testid="webhook-delivery-row" data-delivery-id={d.id}>
      <Table.Td>{format.dateTime(d.createdAt)}</Table.Td>
      <Table.Td>
        <Code>{d.eventType}</Code>
      </Table.Td>
      <Table.Td>
        <Stack gap={2}>
          <Badge color={STATUS_COLOR[d.status]} variant="light" data-testid="webhook-delivery-status">
            {t(`webhooks.deliveryStatus.${d.status}`)}
          </Badge>
          {d.status === "pending" && d.nextAttemptAt && (
            <Text size="xs" c="dimmed">
              {t("webhooks.nextAttempt", { time: format.dateTime(d.nextAttemptAt) })}
            </Text>
          )}
        </Stack>
      </Table.Td>
      <Table.Td data-testid="webhook-delivery-code">{last?.statusCode ?? "—"}</Table.Td>
      <Table.Td data-testid="webhook-delivery-latency">
        {last ? t("webhooks.latencyMs", { ms: last.latencyMs }) : "—"}
      </Table.Td>
      <Table.Td maw={320}>
        <Text
          size="xs"
          lineClamp={3}
          style={{ wordBreak: "break-all" }}
          data-testid="webhook-delivery-excerpt"
        >
          {last ? (last.error ?? last.responseExcerpt ?? "") : ""}
        </Text>
      </Table.Td>
      <Table.Td>{d.attempts.length}</Table.Td>
      <Table.Td>
        {mayRedeliver && (
          <Button
            size="xs"
            variant="light"
            loading={redeliver.isPending}
            onClick={() =>
              redeliver.mutate(
                { endpointId, deliveryId: d.id },
                {
                  onSuccess: () => notifications.show({ color: "teal", message: t("webhooks.redelivered") }),
                  onError: (e) => notifications.show({ color: "red", message: errorMessage(e) }),
                },
              )
            }
            data-testid="webhook-redeliver"
          >
            {t("webhooks.redeliver")}
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
