import { Badge, Box, Group, ScrollArea, Stack, Text, UnstyledButton } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useAgents } from "../../api/agents";
import { useConversations, type Conversation, type ConversationFilters } from "../../api/inbox";
import { QueryState } from "../../components/QueryState";
import { useFormat } from "../../lib/useFormat";
import { StatusTicks } from "./StatusTicks";
import { formatPhone } from "../../lib/phone";

/** The conversations matching the filters, latest activity first, with unread counts; live. */
export function ConversationList({
  filters,
  selectedId,
}: {
  filters: ConversationFilters;
  selectedId?: string;
}) {
  const { t } = useTranslation();
  const query = useConversations(filters);
  return (
    <ScrollArea style={{ flex: 1 }}>
      <QueryState query={query} empty={t("inbox.empty")} isEmpty={(list) => list.length === 0}>
        {(list) => (
          <Stack gap={0} data-testid="conversation-list">
            {list.map((c) => (
              <Row key={c.id} c={c} selected={c.id === selectedId} />
            ))}
          </Stack>
        )}
      </QueryState>
    </ScrollArea>
  );
}

function Row({ c, selected }: { c: Conversation; selected: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const assignee = useAgents().data?.find((a) => a.id === c.assigneeId);
  const last = c.lastMessage;
  const preview = last ? (last.text ?? (last.mediaType ? t(`inbox.mediaType.${last.mediaType}`) : "")) : "";
  return (
    <UnstyledButton
      component={Link}
      to={`/inbox/${c.id}`}
      px="sm"
      py={8}
      bg={selected ? "teal.0" : undefined}
      style={{ borderBottom: "1px solid var(--mantine-color-gray-2)", display: "block" }}
      data-testid="conversation-row"
      data-phone={c.phone}
      aria-current={selected ? "page" : undefined}
    >
      <Group justify="space-between" wrap="nowrap" gap={6}>
        <Text size="sm" fw={c.unreadCount > 0 ? 700 : 500} truncate>
          {c.name ?? formatPhone(c.phone)}
        </Text>
        <Text size="xs" c="dimmed" style={{ flexShrink: 0 }} title={f.dateTime(c.lastMessageAt)}>
          {f.time(c.lastMessageAt)}
        </Text>
      </Group>
      <Group justify="space-between" wrap="nowrap" gap={6}>
        <Group gap={4} wrap="nowrap" style={{ minWidth: 0 }}>
          {last?.direction === "out" && <StatusTicks status={last.status} />}
          <Text size="xs" c="dimmed" truncate data-testid="conversation-preview">
            {preview}
          </Text>
        </Group>
        {c.unreadCount > 0 && (
          <Badge
            size="sm"
            circle={c.unreadCount < 10}
            color="teal"
            data-testid="unread-count"
            aria-label={t("inbox.unread", { count: c.unreadCount })}
          >
            {c.unreadCount}
          </Badge>
        )}
      </Group>
      <Box mt={2}>
        <Group gap={4}>
          {c.status !== "open" && (
            <Badge size="xs" variant="light" color={c.status === "resolved" ? "gray" : "yellow"}>
              {t(`inbox.status.${c.status}`)}
            </Badge>
          )}
          <Text size="10px" c="dimmed">
            {assignee ? assignee.name : t("inbox.unassigned")}
          </Text>
          {c.labels.map((l) => (
            <Badge key={l} size="xs" variant="outline">
              {l}
            </Badge>
          ))}
        </Group>
      </Box>
    </UnstyledButton>
  );
}
