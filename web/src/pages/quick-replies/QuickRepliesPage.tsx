import { Badge, Button, Code, Group, Paper, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import { type QuickReply, useQuickReplies } from "../../api/inbox";
import { useDeleteQuickReply } from "../../api/quickReplies";
import { ConfirmButton } from "../../components/ConfirmButton";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { TableHead } from "../../components/TableHead";
import { useReadableTemplate } from "../templates/useReadableTemplate";
import { QuickReplyEditor } from "./QuickReplyEditor";

/**
 * The shop's quick replies (what "/" offers in the inbox composer): shortcut, text and file;
 * every agent and owner creates, edits and deletes them (delete asks first).
 */
export function QuickRepliesPage() {
  const { t } = useTranslation();
  const query = useQuickReplies();
  /** The quick reply being edited, "new" for a new one, null when the editor is closed. */
  const [editing, setEditing] = useState<QuickReply | "new" | null>(null);
  const create = (
    <Button onClick={() => setEditing("new")} data-testid="quick-reply-new">
      {t("quickReplies.new")}
    </Button>
  );
  return (
    <>
      <PageHeader title={t("quickReplies.title")}>{create}</PageHeader>
      <Text c="dimmed" size="sm" mb="md">
        {t("quickReplies.intro")}
      </Text>
      <Paper withBorder radius="md" p="md">
        <QueryState query={query} empty={t("quickReplies.empty")} isEmpty={(list) => list.length === 0}>
          {(list) => <QuickReplyTable replies={list} onEdit={setEditing} />}
        </QueryState>
      </Paper>
      {editing && (
        <QuickReplyEditor reply={editing === "new" ? null : editing} onClose={() => setEditing(null)} />
      )}
    </>
  );
}

function QuickReplyTable({ replies, onEdit }: { replies: QuickReply[]; onEdit: (r: QuickReply) => void }) {
  const { t } = useTranslation();
  const { readable } = useReadableTemplate();
  const remove = useDeleteQuickReply();
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing="sm" data-testid="quick-replies-table">
        <TableHead columns={[t("quickReplies.shortcut"), t("quickReplies.message"), ""]} />
        <Table.Tbody>
          {replies.map((r) => (
            <Table.Tr key={r.id} data-testid="quick-reply-row">
              <Table.Td>
                <Code fw={600}>/{r.shortcut}</Code>
              </Table.Td>
              <Table.Td maw={460}>
                <Text size="sm" lineClamp={2} style={{ whiteSpace: "pre-wrap" }}>
                  {readable(r.body)}
                </Text>
                {r.media && (
                  <Badge variant="light" color="grape" tt="none" mt={4}>
                    📎 {r.media.filename ?? t(`templates.mediaType.${r.media.type}`)}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <Group gap="xs" justify="flex-end" wrap="nowrap">
                  <Button size="compact-sm" variant="default" onClick={() => onEdit(r)}>
                    {t("quickReplies.edit")}
                  </Button>
                  <ConfirmButton
                    size="compact-sm"
                    variant="subtle"
                    color="red"
                    title={t("quickReplies.deleteTitle")}
                    message={t("quickReplies.deleteMessage", { shortcut: r.shortcut })}
                    confirmLabel={t("quickReplies.delete")}
                    onConfirm={() =>
                      remove.mutate(r.id, {
                        onSuccess: () =>
                          notifications.show({
                            color: "teal",
                            message: t("quickReplies.deleted", { shortcut: r.shortcut }),
                          }),
                        onError: (err) => notifications.show({ color: "red", message: errorMessage(err) }),
                      })
                    }
                  >
                    {t("quickReplies.delete")}
                  </ConfirmButton>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
