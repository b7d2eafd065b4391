import { Alert, Button, Grid, Group, Modal, Stack, Textarea, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, errorMessage, fieldError } from "../../api/client";
import { useAttributeKeys, useContacts } from "../../api/contacts";
import type { QuickReply } from "../../api/inbox";
import { useSaveQuickReply } from "../../api/quickReplies";
import type { Contact } from "../../api/types";
import { attributeVariables, insertAt } from "../templates/editing";
import { MediaField } from "../templates/MediaField";
import { PhonePreview } from "../templates/PhonePreview";
import { VariablePicker } from "../templates/VariablePicker";

/**
 * Creates (`reply` null) or edits a quick reply in a dialog: shortcut, text with the
 * templates' variables (`{{name|kak}}`) and an optional file, beside a live preview for a
 * sample customer or a chosen contact (rendered by the server like the send).
 */
export function QuickReplyEditor({ reply, onClose }: { reply: QuickReply | null; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSaveQuickReply(reply?.id ?? null);
  const [shortcut, setShortcut] = useState(reply?.shortcut ?? "");
  const [body, setBody] = useState(reply?.body ?? "");
  const [media, setMedia] = useState<QuickReply["media"]>(reply?.media ?? null);
  const [missing, setMissing] = useState<{ shortcut: boolean; body: boolean }>({
    shortcut: false,
    body: false,
  });
  const [search, setSearch] = useState("");
  const [debouncedSearch] = useDebouncedValue(search, 300);
  const [contact, setContact] = useState<Contact | null>(null);
  const contacts = useContacts(debouncedSearch, 1);
  const attributeKeys = useAttributeKeys();
  const attributes = attributeVariables([
    ...(attributeKeys.data ?? []).map((a) => ({ attributes: { [a.key]: "" } })),
    ...(contacts.data?.items ?? []),
    ...(contact ? [contact] : []),
  ]);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const err = save.error;
  // The server names no field for these two: each belongs under one input.
  const code = err instanceof ApiError ? err.code : null;
  const shortcutError = code === "shortcut_taken" ? errorMessage(err) : fieldError(err, "shortcut");
  const bodyError = code === "invalid_template" ? errorMessage(err) : fieldError(err, "body");
  const generalError =
    err && !shortcutError && !bodyError && !fieldError(err, "media") ? errorMessage(err) : null;
  const edited = () => {
    if (save.error) save.reset();
  };
  const insert = (markup: string) => {
    const el = textarea.current;
    const next = insertAt(body, el?.selectionStart ?? body.length, el?.selectionEnd ?? body.length, markup);
    setBody(next.text);
    edited();
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(next.caret, next.caret);
    });
  };
  const submit = () => {
    const input = { shortcut: shortcut.trim().replace(/^\//, ""), body: body.trim(), media };
    setMissing({ shortcut: !input.shortcut, body: !input.body });
    if (!input.shortcut || !input.body) return;
    save.mutate(input, {
      onSuccess: (saved) => {
        notifications.show({ color: "teal", message: t("quickReplies.saved", { shortcut: saved.shortcut }) });
        onClose();
      },
    });
  };
  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title={reply ? t("quickReplies.editTitle", { shortcut: reply.shortcut }) : t("quickReplies.newTitle")}
    >
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            {generalError && (
              <Alert color="red" role="alert">
                {generalError}
              </Alert>
            )}
            <TextInput
              label={t("quickReplies.shortcut")}
              description={t("quickReplies.shortcutHint")}
              placeholder={t("quickReplies.shortcutPlaceholder")}
              leftSection="/"
              required
              value={shortcut}
              onChange={(e) => {
                setShortcut(e.currentTarget.value);
                setMissing((m) => ({ ...m, shortcut: false }));
                edited();
              }}
              error={missing.shortcut ? t("quickReplies.shortcutRequired") : shortcutError}
              data-testid="quick-reply-shortcut"
            />
            <VariablePicker attributes={attributes} onInsert={insert} />
            <Textarea
              ref={textarea}
              label={t("quickReplies.message")}
              placeholder={t("quickReplies.messagePlaceholder")}
              required
              autosize
              minRows={5}
              value={body}
              onChange={(e) => {
                setBody(e.currentTarget.value);
                setMissing((m) => ({ ...m, body: false }));
                edited();
              }}
              error={missing.body ? t("quickReplies.messageRequired") : bodyError}
              data-testid="quick-reply-body"
            />
            <MediaField
              value={media}
              onChange={(m) => {
                setMedia(m);
                edited();
              }}
              error={fieldError(err, "media")}
            />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <PhonePreview
            body={body}
            media={media}
            contacts={contacts.data?.items ?? []}
            contact={contact}
            onSearch={setSearch}
            onContact={setContact}
          />
        </Grid.Col>
      </Grid>
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={onClose}>
          {t("quickReplies.cancel")}
        </Button>
        <Button onClick={submit} loading={save.isPending} data-testid="quick-reply-save">
          {t("quickReplies.save")}
        </Button>
      </Group>
    </Modal>
  );
}
