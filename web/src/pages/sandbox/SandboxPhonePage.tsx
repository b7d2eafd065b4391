import {
  ActionIcon,
  Anchor,
  Box,
  Breadcrumbs,
  Group,
  Paper,
  ScrollArea,
  Select,
  Stack,
  Text,
  Textarea,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { errorMessage, fieldError } from "../../api/client";
import { usePhoneMessages, useSandboxPhones, useSendFromPhone } from "../../api/sandbox";
import { useChannels } from "../../api/session";
import type { PhoneMessage } from "../../api/types";
import { Bubble } from "../../components/Bubble";
import { EmptyState, QueryState } from "../../components/QueryState";
import { useFormat } from "../../lib/useFormat";
import { formatPhone } from "../../lib/phone";
import { useRealtime, useRealtimeEvent } from "../../realtime/RealtimeProvider";

/** A virtual customer's phone: the chat with the shop, live, and a box to reply. */
export function SandboxPhonePage() {
  const { phone = "" } = useParams();
  const { t } = useTranslation();
  const profile = useSandboxPhones().data?.find((p) => p.phone === phone);
  return (
    <>
      <Breadcrumbs mb="md">
        <Anchor component={Link} to="/sandbox" size="sm">
          {t("nav.sandbox")}
        </Anchor>
        <Text size="sm">{profile?.name ?? phone}</Text>
      </Breadcrumbs>
      <Paper withBorder radius="lg" maw={440} mx="auto" style={{ overflow: "hidden" }} data-testid="phone">
        <Box bg="teal.8" c="white" px="md" py="sm">
          <Text fw={600} data-testid="phone-name">
            {profile?.name ?? "…"}
          </Text>
          <Text size="xs" opacity={0.85}>
            {formatPhone(phone)}
          </Text>
        </Box>
        <Chat phone={phone} />
        <Composer phone={phone} />
      </Paper>
    </>
  );
}

/**
 * Whether one of the shop's numbers is "typing…" to `phone` now (`sandbox.typing` events:
 * an auto-reply's or a campaign's human-like delay). Forgotten when the socket drops,
 * since the event that ends it may be missed meanwhile.
 */
function useShopTyping(phone: string): boolean {
  const { connected } = useRealtime();
  const [channels, setChannels] = useState<ReadonlySet<string>>(new Set());
  useRealtimeEvent(
    "sandbox.typing",
    useCallback(
      (e) => {
        if (e.phone !== phone) return;
        setChannels((before) => {
          if (before.has(e.channelId) === e.typing) return before;
          const next = new Set(before);
          if (e.typing) next.add(e.channelId);
          else next.delete(e.channelId);
          return next;
        });
      },
      [phone],
    ),
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: starts afresh for another phone or a new connection
  useEffect(() => setChannels(new Set()), [phone, connected]);
  return channels.size > 0;
}

function Chat({ phone }: { phone: string }) {
  const { t } = useTranslation();
  const query = usePhoneMessages(phone);
  const typing = useShopTyping(phone);
  const viewport = useRef<HTMLDivElement>(null);
  const count = query.data?.length ?? 0;
  // biome-ignore lint/correctness/useExhaustiveDependencies: scrolls to the bottom when a message arrives or the shop types
  useEffect(() => {
    viewport.current?.scrollTo({ top: viewport.current.scrollHeight });
  }, [count, typing]);
  return (
    <ScrollArea h={460} viewportRef={viewport} bg="#efeae2">
      <Box p="sm">
        <QueryState query={query} empty={t("sandbox.noMessages")} isEmpty={(m) => m.length === 0}>
          {(messages) => (
            <Stack gap={6} data-testid="chat">
              {messages.map((m) => (
                <Line key={`${m.direction}:${m.messageId}`} m={m} />
              ))}
            </Stack>
          )}
        </QueryState>
        {typing && (
          <Box mt={6}>
            <Bubble side="left" testId="shop-typing">
              <em>{t("sandbox.typing")}</em>
            </Bubble>
          </Box>
        )}
      </Box>
    </ScrollArea>
  );
}

function Line({ m }: { m: PhoneMessage }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Bubble
      side={m.direction === "out" ? "right" : "left"}
      meta={f.time(m.at)}
      testId={m.direction === "out" ? "bubble-sent" : "bubble-received"}
    >
      {m.text ?? <em>{t("sandbox.media")}</em>}
    </Bubble>
  );
}

function Composer({ phone }: { phone: string }) {
  const { t } = useTranslation();
  const channels = (useChannels().data ?? []).filter((c) => c.kind === "sandbox");
  const [picked, setPicked] = useState<string | null>(null);
  const [text, setText] = useState("");
  const send = useSendFromPhone(phone);
  // By default the phone answers the number that last wrote to it, as a customer does.
  const lastWriter = (usePhoneMessages(phone).data ?? [])
    .flatMap((m) => (m.direction === "in" ? [m.channelId] : []))
    .findLast((id) => channels.some((c) => c.id === id));
  const channelId = picked ?? lastWriter ?? channels[0]?.id ?? null;
  if (channels.length === 0) return <EmptyState>{t("sandbox.noChannel")}</EmptyState>;

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    if (!channelId || !text.trim()) return;
    send.mutate(
      { channelId, text },
      {
        onSuccess: () => setText(""),
        onError: (err) =>
          !fieldError(err, "text") && notifications.show({ color: "red", message: errorMessage(err) }),
      },
    );
  };
  return (
    <Box p="sm" component="form" onSubmit={submit} bg="gray.0">
      {channels.length > 1 && (
        <Select
          size="xs"
          mb="xs"
          label={t("sandbox.to")}
          value={channelId}
          onChange={setPicked}
          data={channels.map((c) => ({
            value: c.id,
            label: c.phone ? `${c.name} (${formatPhone(c.phone)})` : c.name,
          }))}
          allowDeselect={false}
        />
      )}
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <Textarea
          style={{ flex: 1 }}
          autosize
          minRows={1}
          maxRows={4}
          placeholder={t("sandbox.replyPlaceholder")}
          aria-label={t("sandbox.replyPlaceholder")}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey) submit(e);
          }}
          error={fieldError(send.error, "text")}
          data-testid="reply-input"
        />
        <ActionIcon
          type="submit"
          size="lg"
          radius="xl"
          color="teal"
          loading={send.isPending}
          aria-label={t("sandbox.send")}
          data-testid="reply-send"
        >
          <svg width="18" height="18" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true">
            <path d="M2 21l21-9L2 3v7l15 2-15 2z" />
          </svg>
        </ActionIcon>
      </Group>
    </Box>
  );
}
