import { Button, Paper, Stack, Text, Textarea } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useAgents } from "../../api/agents";
import { fieldError } from "../../api/client";
import { useAddNote, type Note } from "../../api/inbox";
import { useFormat } from "../../lib/useFormat";

/** Internal notes of a conversation (agents only; never sent to the customer), live for every agent. */
export function Notes({ conversationId, notes }: { conversationId: string; notes: Note[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const agents = useAgents().data ?? [];
  const add = useAddNote(conversationId);
  const [body, setBody] = useState("");
  const submit = () => body.trim() && add.mutate(body.trim(), { onSuccess: () => setBody("") });
  return (
    <Stack gap={6}>
      {notes.length === 0 && (
        <Text size="xs" c="dimmed">
          {t("inbox.notes.empty")}
        </Text>
      )}
      <Stack gap={4} data-testid="notes">
        {notes.map((n) => (
          <Paper key={n.id} p={6} bg="yellow.0" withBorder data-testid="note">
            <Text size="xs" style={{ whiteSpace: "pre-wrap", wordBreak: "break-word" }}>
              {n.body}
            </Text>
            <Text size="10px" c="dimmed">
              {agents.find((a) => a.id === n.authorId)?.name ?? t("inbox.notes.someone")} ·{" "}
              {f.dateTime(n.createdAt)}
            </Text>
          </Paper>
        ))}
      </Stack>
      <Textarea
        size="xs"
        autosize
        minRows={2}
        maxRows={5}
        placeholder={t("inbox.notes.placeholder")}
        aria-label={t("inbox.notes.placeholder")}
        value={body}
        onChange={(e) => setBody(e.currentTarget.value)}
        error={fieldError(add.error, "body")}
        data-testid="note-input"
      />
      <Button
        size="xs"
        variant="light"
        color="yellow"
        onClick={submit}
        loading={add.isPending}
        disabled={!body.trim()}
        data-testid="note-add"
      >
        {t("inbox.notes.add")}
      </Button>
    </Stack>
  );
}
