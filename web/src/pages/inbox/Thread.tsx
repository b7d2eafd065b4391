import { Alert, Box, ScrollArea, Stack, Text } from "@mantine/core";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useConversation, useMarkRead, useThread, type InboxMessage } from "../../api/inbox";
import { Bubble } from "../../components/Bubble";
import { MessageMedia } from "../../components/MessageMedia";
import { QueryState } from "../../components/QueryState";
import { useFormat } from "../../lib/useFormat";
import { Answer, OfferedButtons } from "./Answer";
import { Composer } from "./Composer";
import { StatusTicks } from "./StatusTicks";
import { ThreadHeader } from "./ThreadHeader";

/** One conversation: its header and actions, the messages (live, with ticks) and the composer. */
export function Thread({ id }: { id: string }) {
  const { t } = useTranslation();
  const detail = useConversation(id);
  const conversation = detail.data?.conversation;
  const markRead = useMarkRead(id);
  const unread = conversation?.unreadCount ?? 0;
  // Looking at the thread reads the customer's messages, including those arriving meanwhile.
  const mark = useRef(markRead);
  mark.current = markRead;
  useEffect(() => {
    if (unread > 0 && !mark.current.isPending) mark.current.mutate();
  }, [unread]);
  return (
    <QueryState query={detail}>
      {(d) => (
        <>
          <ThreadHeader detail={d} />
          <Messages id={id} />
          {d.contact.optedOut && (
            <Alert color="yellow" py={4} radius={0}>
              <Text size="xs">{t("inbox.optedOut")}</Text>
            </Alert>
          )}
          <Composer conversation={d.conversation} />
        </>
      )}
    </QueryState>
  );
}

function Messages({ id }: { id: string }) {
  const { t } = useTranslation();
  const query = useThread(id);
  const viewport = useRef<HTMLDivElement>(null);
  const last = query.data?.at(-1)?.id;
  // biome-ignore lint/correctness/useExhaustiveDependencies: scrolls to the bottom when a new last message arrives
  useEffect(() => {
    viewport.current?.scrollTo({ top: viewport.current.scrollHeight });
  }, [last]);
  return (
    <ScrollArea style={{ flex: 1 }} viewportRef={viewport} bg="#efeae2">
      <Box p="sm">
        <QueryState query={query} empty={t("inbox.noMessages")} isEmpty={(m) => m.length === 0}>
          {(messages) => (
            <Stack gap={6} data-testid="thread">
              {messages.map((m) => (
                <Line key={m.id} m={m} conversationId={id} />
              ))}
            </Stack>
          )}
        </QueryState>
      </Box>
    </ScrollArea>
  );
}

/**
 * Where the browser loads a message's file: a file Kabar stored (sent or received) through
 * the conversation's media route, an https link as is; null for a Meta media id Kabar holds
 * no copy of.
 */
function messageMediaSrc(conversationId: string, m: InboxMessage): string | null {
  if (m.media?.id)
    return `/api/v1/conversations/${encodeURIComponent(conversationId)}/messages/${encodeURIComponent(m.id)}/media`;
  if (m.media?.url && /^https:\/\//i.test(m.media.url)) return m.media.url;
  return null;
}

/** One message of the thread: its text and media, and what sent it (a campaign, an auto-reply). */
export function Line({ m, conversationId }: { m: InboxMessage; conversationId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const meta = (
    <>
      {m.campaignId && `${t("inbox.fromCampaign")} · `}
      {m.autoReply && <span data-testid="message-auto-reply">{`${t("inbox.autoReply")} · `}</span>}
      {f.time(m.createdAt)} {m.direction === "out" && <StatusTicks status={m.status} error={m.error} />}
    </>
  );
  return (
    <Bubble
      side={m.direction === "out" ? "right" : "left"}
      meta={meta}
      testId={m.direction === "out" ? "message-out" : "message-in"}
    >
      <Answer m={m} />
      {m.media && <MessageMedia media={m.media} src={messageMediaSrc(conversationId, m)} download />}
      {m.text}
      <OfferedButtons m={m} />
    </Bubble>
  );
}
