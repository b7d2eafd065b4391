import { Badge, Group, Text, Timeline } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { OrderEvent } from "../../api/orders";
import { useFormat } from "../../lib/useFormat";
import { OrderStatusBadge } from "./OrderStatusBadge";

/** A value of an edited field as a person reads it (empty: "—"). */
function shown(v: unknown): string {
  if (v === null || v === undefined || v === "") return "—";
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

/**
 * An order's history, oldest first: what happened (created, status from → to, edited with
 * each field's before → after), who did it, when (the shop's zone), and its note (a reason).
 */
export function OrderHistory({ events }: { events: OrderEvent[] }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  if (events.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t("orders.history.empty")}
      </Text>
    );
  return (
    <Timeline active={events.length - 1} bulletSize={14} lineWidth={2} data-testid="order-history">
      {events.map((e) => {
        const who = e.actor.name ?? t(`orders.history.actor.${e.actor.kind}`);
        return (
          <Timeline.Item key={e.id} title={t(`orders.history.${e.kind}`)} data-testid="history-item">
            {e.kind === "status" && (
              <Group gap={4} mt={2}>
                {e.fromStatus && <OrderStatusBadge status={e.fromStatus} size="xs" />}
                {e.fromStatus && <Text size="xs">→</Text>}
                {e.toStatus && <OrderStatusBadge status={e.toStatus} size="xs" />}
              </Group>
            )}
            {e.kind === "created" && e.toStatus && (
              <Group gap={4} mt={2}>
                <OrderStatusBadge status={e.toStatus} size="xs" />
              </Group>
            )}
            {e.changes &&
              Object.entries(e.changes).map(([field, c]) => (
                <Group gap={4} key={field} wrap="nowrap" data-testid="history-change">
                  <Badge size="xs" variant="outline" color="gray">
                    {i18n.exists(`orders.field.${field}`)
                      ? t(`orders.field.${field}` as "orders.field.notes")
                      : field}
                  </Badge>
                  <Text size="xs">
                    {shown(c.from)} → {shown(c.to)}
                  </Text>
                </Group>
              ))}
            {e.note && (
              <Text size="sm" mt={2} data-testid="history-note">
                “{e.note}”
              </Text>
            )}
            <Text size="xs" c="dimmed" mt={2}>
              {f.dateTime(e.at)} · {t("orders.history.by", { name: who })}
            </Text>
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
