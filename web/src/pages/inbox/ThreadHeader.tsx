import { Badge, Button, Drawer, Group, Menu, Select, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useAgents, useAssign } from "../../api/agents";
import { errorMessage } from "../../api/client";
import { useConversationState, type ConversationDetail } from "../../api/inbox";
import { useFormat } from "../../lib/useFormat";
import { composerMode } from "./composer-logic";
import { ContactPanel } from "./ContactPanel";
import { formatPhone } from "../../lib/phone";

/** Snooze choices, in hours from now. */
const SNOOZE_HOURS = [1, 4, 24] as const;
const UNASSIGNED = "none";

const onError = (err: unknown) => notifications.show({ color: "red", message: errorMessage(err) });

/** The thread's header: who, the Cloud API window, the agent (assign / transfer), resolve, reopen, snooze. */
export function ThreadHeader({ detail }: { detail: ConversationDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const c = detail.conversation;
  const agents = useAgents().data ?? [];
  const assign = useAssign(c.id);
  const state = useConversationState(c.id);
  const [contactOpen, contact] = useDisclosure(false);
  const mode = composerMode(c, Date.now());
  return (
    <Group
      justify="space-between"
      px="sm"
      py={6}
      wrap="wrap"
      gap={6}
      style={{ borderBottom: "1px solid var(--mantine-color-gray-3)" }}
    >
      <Stack gap={0} style={{ minWidth: 0 }}>
        <Text fw={600} truncate data-testid="thread-name">
          {detail.contact.name ?? formatPhone(c.phone)}
        </Text>
        <Group gap={6}>
          <Text size="xs" c="dimmed">
            {formatPhone(c.phone)}
          </Text>
          {c.channelKind === "cloud_api" && (
            <Badge
              size="xs"
              variant="light"
              color={mode.kind === "free" ? "teal" : "orange"}
              data-testid="window-badge"
            >
              {mode.kind === "free" && mode.closesAt
                ? t("inbox.window.openUntil", { time: f.dateTime(mode.closesAt) })
                : t("inbox.window.closed")}
            </Badge>
          )}
          {c.snoozedUntil && c.status === "snoozed" && (
            <Badge size="xs" variant="light" color="yellow">
              {t("inbox.snoozedUntil", { time: f.dateTime(c.snoozedUntil) })}
            </Badge>
          )}
        </Group>
      </Stack>
      <Group gap={6} wrap="wrap">
        <Select
          size="xs"
          w={150}
          aria-label={t("inbox.assignTo")}
          value={c.assigneeId ?? UNASSIGNED}
          onChange={(v) => v && assign.mutate(v === UNASSIGNED ? null : v, { onError })}
          data={[
            { value: UNASSIGNED, label: t("inbox.unassigned") },
            ...agents.map((a) => ({
              value: a.id,
              label: `${a.name}${a.online ? "" : ` (${t("inbox.presence.offline").toLowerCase()})`}`,
            })),
          ]}
          allowDeselect={false}
          disabled={assign.isPending}
          data-testid="assign-select"
        />
        {c.status === "resolved" ? (
          <Button
            size="xs"
            variant="light"
            loading={state.isPending}
            onClick={() => state.mutate({ type: "reopen" }, { onError })}
            data-testid="reopen"
          >
            {t("inbox.reopen")}
          </Button>
        ) : (
          <>
            <Menu withinPortal>
              <Menu.Target>
                <Button size="xs" variant="default" data-testid="snooze">
                  {t("inbox.snooze")}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                {SNOOZE_HOURS.map((h) => (
                  <Menu.Item
                    key={h}
                    onClick={() =>
                      state.mutate(
                        { type: "snooze", until: new Date(Date.now() + h * 3_600_000).toISOString() },
                        { onError },
                      )
                    }
                  >
                    {t("inbox.snoozeHours", { count: h })}
                  </Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
            <Button
              size="xs"
              color="teal"
              loading={state.isPending}
              onClick={() => state.mutate({ type: "resolve" }, { onError })}
              data-testid="resolve"
            >
              {t("inbox.resolve")}
            </Button>
          </>
        )}
        <Button
          size="xs"
          variant="light"
          component={Link}
          to={`/orders/new?${new URLSearchParams({ contactId: detail.contact.id, conversationId: c.id })}`}
          data-testid="create-order"
        >
          {t("orders.new")}
        </Button>
        <Button size="xs" variant="subtle" hiddenFrom="lg" onClick={contact.open}>
          {t("inbox.contact.title")}
        </Button>
      </Group>
      <Drawer
        opened={contactOpen}
        onClose={contact.close}
        position="right"
        title={t("inbox.contact.title")}
        hiddenFrom="lg"
      >
        <ContactPanel id={c.id} />
      </Drawer>
    </Group>
  );
}
