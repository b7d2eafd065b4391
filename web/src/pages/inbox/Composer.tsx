import {
  ActionIcon,
  Anchor,
  Box,
  CloseButton,
  Group,
  Paper,
  Text,
  Textarea,
  UnstyledButton,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { errorMessage, fieldError } from "../../api/client";
import {
  useQuickReplies,
  useRenderQuickReply,
  type SendInput,
  useSendMessage,
  useUploadConversationMedia,
  type Conversation,
  type QuickReply,
} from "../../api/inbox";
import { AttachButton, AttachmentPreview } from "./Attachment";
import { composerMode, matchQuickReplies, slashQuery } from "./composer-logic";
import { useReadableTemplate } from "../templates/useReadableTemplate";
import { TemplateSender } from "./TemplateSender";

/**
 * Writes to the customer. Typing "/" opens the quick replies (↑ ↓ to move, Enter or a click
 * to take one: the server fills its variables for this contact, and its file comes along;
 * with none yet, a link leads to the quick replies page). The paperclip attaches a
 * file (uploaded at once; the text becomes its caption). On a Cloud API channel outside the
 * 24-hour window only approved templates can be sent (no text, no files).
 */
export function Composer({ conversation }: { conversation: Conversation }) {
  const mode = composerMode(conversation, Date.now());
  if (mode.kind === "templates") return <TemplateSender conversation={conversation} reason={mode.reason} />;
  return <TextComposer conversationId={conversation.id} />;
}

function TextComposer({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const { readable } = useReadableTemplate();
  const [text, setText] = useState("");
  const [active, setActive] = useState(0);
  const [missing, setMissing] = useState<string[]>([]);
  const [file, setFile] = useState<File | null>(null);
  /** The file of the quick reply taken (sent with the text unless removed or replaced by a file). */
  const [quickMedia, setQuickMedia] = useState<QuickReply["media"]>(null);
  const send = useSendMessage(conversationId);
  const upload = useUploadConversationMedia(conversationId);
  const render = useRenderQuickReply();
  const replies = useQuickReplies().data ?? [];
  const q = slashQuery(text);
  const matches = q === null ? [] : matchQuickReplies(replies, q);

  const pick = (reply: QuickReply) =>
    render.mutate(
      { quickReplyId: reply.id, conversationId },
      {
        onSuccess: (r) => {
          setText(r.text);
          setMissing(r.missing);
          setQuickMedia(r.media);
        },
        onError: (err) => notifications.show({ color: "red", message: errorMessage(err) }),
      },
    );
  const attach = (picked: File) => {
    send.reset();
    setQuickMedia(null);
    setFile(picked);
    upload.mutate(picked);
  };
  const detach = () => {
    setFile(null);
    upload.reset();
    send.reset();
  };
  const submit = () => {
    const body = text.trim();
    if (send.isPending) return;
    let input: SendInput;
    if (file) {
      if (!upload.isSuccess) return;
      const { size: _size, ...media } = upload.data;
      input = body ? { media, text: body } : { media };
    } else if (quickMedia) {
      input = body ? { media: quickMedia, text: body } : { media: quickMedia };
    } else {
      if (!body) return;
      input = { text: body };
    }
    send.mutate(input, {
      onSuccess: () => {
        setText("");
        setMissing([]);
        setFile(null);
        setQuickMedia(null);
        upload.reset();
      },
      onError: (err) =>
        !fieldError(err, "text", "media") && notifications.show({ color: "red", message: errorMessage(err) }),
    });
  };
  const attachmentError = upload.isError
    ? (fieldError(upload.error, "file") ?? errorMessage(upload.error))
    : (fieldError(send.error, "media") ?? null);
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (matches.length > 0) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        setActive((i) => (i + (e.key === "ArrowDown" ? 1 : matches.length - 1)) % matches.length);
        return;
      }
      if (e.key === "Enter" || e.key === "Tab") {
        e.preventDefault();
        pick(matches[Math.min(active, matches.length - 1)]!);
        return;
      }
      if (e.key === "Escape") {
        setText("");
        return;
      }
    }
    if (e.key === "Enter" && !e.shiftKey) {
      e.preventDefault();
      submit();
    }
  };

  return (
    <Box p="xs" bg="gray.0" pos="relative" style={{ borderTop: "1px solid var(--mantine-color-gray-3)" }}>
      {q !== null && (
        <Paper
          withBorder
          shadow="sm"
          pos="absolute"
          bottom="100%"
          left={8}
          right={8}
          mb={4}
          style={{ zIndex: 5, maxHeight: 260, overflow: "auto" }}
          role="listbox"
          aria-label={t("inbox.quickReplies.title")}
          data-testid="quick-replies"
        >
          {matches.length === 0 ? (
            <Text size="xs" c="dimmed" p="xs">
              {replies.length === 0 ? t("inbox.quickReplies.none") : t("inbox.quickReplies.noMatch")}
              {replies.length === 0 && " "}
              {replies.length === 0 && (
                <Anchor
                  component={Link}
                  to="/quick-replies"
                  size="xs"
                  onMouseDown={(e) => e.preventDefault()}
                  data-testid="quick-replies-create"
                >
                  {t("inbox.quickReplies.create")}
                </Anchor>
              )}
            </Text>
          ) : (
            matches.map((r, i) => (
              <UnstyledButton
                key={r.id}
                role="option"
                aria-selected={i === active}
                display="block"
                w="100%"
                px="xs"
                py={4}
                bg={i === active ? "teal.0" : undefined}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => pick(r)}
                data-testid="quick-reply-option"
              >
                <Text size="sm" fw={600}>
                  /{r.shortcut}
                </Text>
                <Text size="xs" c="dimmed" truncate>
                  {readable(r.body)}
                </Text>
              </UnstyledButton>
            ))
          )}
        </Paper>
      )}
      {missing.length > 0 && (
        <Text size="xs" c="orange.8" mb={4} data-testid="quick-reply-missing">
          {t("inbox.quickReplies.missing", { fields: missing.join(", ") })}
        </Text>
      )}
      {quickMedia && !file && (
        <Paper withBorder p={6} mb={6} data-testid="quick-reply-media">
          <Group gap="xs" wrap="nowrap">
            <Text size="sm" truncate style={{ flex: 1 }}>
              📎 {quickMedia.filename ?? t(`templates.mediaType.${quickMedia.type}`)}
            </Text>
            <CloseButton
              size="sm"
              aria-label={t("inbox.composer.removeAttachment")}
              onClick={() => setQuickMedia(null)}
            />
          </Group>
        </Paper>
      )}
      {file && (
        <AttachmentPreview
          file={file}
          uploading={upload.isPending}
          error={attachmentError}
          onRemove={detach}
        />
      )}
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <AttachButton onPick={attach} disabled={send.isPending} />
        <Textarea
          style={{ flex: 1 }}
          autosize
          minRows={1}
          maxRows={6}
          placeholder={file ? t("inbox.composer.caption") : t("inbox.composer.placeholder")}
          aria-label={t("inbox.composer.label")}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          error={fieldError(send.error, "text")}
          data-testid="composer-input"
        />
        <ActionIcon
          size="lg"
          radius="xl"
          color="teal"
          loading={send.isPending || render.isPending}
          disabled={!!file && !upload.isSuccess}
          onClick={submit}
          aria-label={t("inbox.composer.send")}
          data-testid="composer-send"
        >
          <svg width="18" height="18" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true">
            <path d="M2 21l21-9L2 3v7l15 2-15 2z" />
          </svg>
        </ActionIcon>
      </Group>
    </Box>
  );
}
