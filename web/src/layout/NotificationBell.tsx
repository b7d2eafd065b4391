import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from "@mantine/core";
import { notifications as toasts } from "@mantine/notifications";
import { useQueryClient } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { useCallback, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { keys } from "../api/keys";
import { useMarkRead, useNotifications, type Notification } from "../api/notifications";
import { QueryState } from "../components/QueryState";
import { statusReasonText } from "../lib/reasons";
import { useFormat } from "../lib/useFormat";
import { useRealtimeEvent } from "../realtime/RealtimeProvider";

const COLOR = { error: "red", warning: "orange", info: "teal" } as const;

/** The restrictions of a number (`channel_restricted`'s reason) the catalogue words. */
const RESTRICTED = ["half_rate", "cap_warning", "capped", "timelock", "reachout_refused", "resumed"] as const;

/**
 * The sentence of a notification in the interface language; `dayTime` writes a moment in
 * the shop's zone ("Sen, 7 Des 10.00 WIB"), for until when a number's new chats are held.
 */
export function notificationText(
  t: TFunction,
  n: Notification,
  dayTime: (v: string) => string = (v) => v,
): string {
  const vars = { channel: n.channelName ?? "—", campaign: n.campaignName ?? "—", reason: n.reason ?? "" };
  if (n.kind === "channel_restricted") {
    const state = RESTRICTED.find((r) => r === n.reason) ?? "capped";
    const until = n.until
      ? t("notifications.restricted.until", { time: dayTime(n.until) })
      : t("notifications.restricted.untilUnknown");
    return t(`notifications.restricted.${state}`, { ...vars, until });
  }
  if (n.kind === "campaign_paused")
    return t("notifications.kind.campaign_paused", {
      ...vars,
      reason: n.reason ? statusReasonText(t, n.reason) : "",
    });
  return t(`notifications.kind.${n.kind}`, vars);
}

/** Where a notification leads: its campaign, the webhooks page, or the channels page. */
const target = (n: Notification) =>
  n.campaignId
    ? `/campaigns/${n.campaignId}`
    : n.kind === "webhook_endpoint_disabled"
      ? "/settings/webhooks"
      : "/channels";

/**
 * The header's bell: the unread count, the latest notifications (a blocked or logged-out
 * number, a campaign Kabar paused or finished), each leading where to act; a new one
 * also pops up as a toast the moment the server pushes it.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const format = useFormat();
  // The socket listener keeps its subscription across renders; it reads the shop's zone here.
  const dayTime = useRef(format.dayTime);
  dayTime.current = format.dayTime;
  const [opened, setOpened] = useState(false);
  const query = useNotifications();
  const markRead = useMarkRead();
  const unread = query.data?.unread ?? 0;

  useRealtimeEvent(
    "notification.new",
    useCallback(
      ({ notification }) => {
        void qc.invalidateQueries({ queryKey: keys.notifications });
        toasts.show({
          color: COLOR[notification.severity],
          title: t(`notifications.severity.${notification.severity}`),
          message: notificationText(t, notification, (v) => dayTime.current(v)),
          autoClose: notification.severity === "info" ? 5000 : false,
        });
      },
      [qc, t],
    ),
  );

  const open = (n: Notification) => {
    if (!n.readAt) markRead.mutate(n.id);
    setOpened(false);
    void navigate(target(n));
  };

  return (
    <Popover opened={opened} onChange={setOpened} width={360} position="bottom-end" shadow="md">
      <Popover.Target>
        <Indicator
          label={unread > 99 ? "99+" : unread}
          size={16}
          color="red"
          disabled={unread === 0}
          offset={4}
        >
          <ActionIcon
            variant="subtle"
            size="lg"
            onClick={() => setOpened((o) => !o)}
            aria-label={t("notifications.open", { count: unread })}
            data-testid="notification-bell"
          >
            <svg
              width="20"
              height="20"
              viewBox="0 0 24 24"
              fill="none"
              stroke="currentColor"
              strokeWidth="2"
              aria-hidden="true"
            >
              <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
              <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
            </svg>
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p="xs">
        <Group justify="space-between" mb="xs">
          <Text fw={600}>{t("notifications.title")}</Text>
          <Button
            size="compact-xs"
            variant="subtle"
            disabled={unread === 0}
            loading={markRead.isPending}
            onClick={() => markRead.mutate("all")}
          >
            {t("notifications.markAllRead")}
          </Button>
        </Group>
        <QueryState query={query} isEmpty={(d) => d.items.length === 0} empty={t("notifications.empty")}>
          {(data) => (
            <ScrollArea.Autosize mah={400}>
              <Stack gap={4}>
                {data.items.map((n) => (
                  <UnstyledButton
                    key={n.id}
                    onClick={() => open(n)}
                    p="xs"
                    style={{
                      borderRadius: 6,
                      background: n.readAt ? undefined : "var(--mantine-color-gray-0)",
                    }}
                    data-testid="notification"
                  >
                    <Group gap="xs" wrap="nowrap" align="flex-start">
                      <Badge
                        color={COLOR[n.severity]}
                        size="xs"
                        variant={n.readAt ? "outline" : "filled"}
                        mt={3}
                      >
                        {t(`notifications.severity.${n.severity}`)}
                      </Badge>
                      <Stack gap={0}>
                        <Text size="sm">{notificationText(t, n, format.dayTime)}</Text>
                        <Text size="xs" c="dimmed">
                          {format.dateTime(n.createdAt)}
                        </Text>
                      </Stack>
                    </Group>
                  </UnstyledButton>
                ))}
              </Stack>
            </ScrollArea.Autosize>
          )}
        </QueryState>
      </Popover.Dropdown>
    </Popover>
  );
}
