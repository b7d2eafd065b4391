import { Alert, Box, Button, Group, Select, Stack, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useApprovedWaTemplates } from "../../api/channels";
import { errorMessage, fieldError } from "../../api/client";
import { useSendMessage, useUploadConversationMedia, type Conversation } from "../../api/inbox";
import { AttachButton, AttachmentPreview } from "./Attachment";
import { templateBodyText, templateHeaderMedia } from "./composer-logic";

/**
 * The composer outside the Cloud API's 24-hour window: pick an approved template, fill its
 * header (a text value, or the image / video / document it shows, uploaded here) and its
 * body's {{1}}… (or, for a NAMED template, its {{customer_name}}…), send.
 */
export function TemplateSender({
  conversation,
  reason,
}: {
  conversation: Conversation;
  reason: "closed" | "never";
}) {
  const { t } = useTranslation();
  const { templates, approved } = useApprovedWaTemplates(conversation.channelId, true);
  const [picked, setPicked] = useState<string | null>(null);
  const [params, setParams] = useState<Record<string, string>>({});
  const [headerParams, setHeaderParams] = useState<Record<string, string>>({});
  const [file, setFile] = useState<File | null>(null);
  const send = useSendMessage(conversation.id);
  const upload = useUploadConversationMedia(conversation.id);
  const template = approved.find((tpl) => `${tpl.name}|${tpl.language}` === picked);
  const names = template?.parameters.body ?? [];
  const headerNames = template?.parameters.header ?? [];
  const headerMedia = template ? templateHeaderMedia(template.components) : null;
  const ready =
    !!template &&
    names.every((n) => params[n]?.trim()) &&
    headerNames.every((n) => headerParams[n]?.trim()) &&
    (!headerMedia || upload.isSuccess);

  const reset = () => {
    setParams({});
    setHeaderParams({});
    setFile(null);
    upload.reset();
  };
  const submit = () => {
    if (!template || !ready) return;
    const values = (keys: string[], of: Record<string, string>) =>
      template.parameterFormat === "NAMED"
        ? Object.fromEntries(keys.map((n) => [n, of[n]!.trim()]))
        : keys.map((n) => of[n]!.trim());
    const uploaded = headerMedia && upload.data ? { type: upload.data.type, id: upload.data.id } : undefined;
    send.mutate(
      {
        waTemplate: {
          name: template.name,
          language: template.language,
          ...(headerNames.length ? { header: values(headerNames, headerParams) } : {}),
          ...(uploaded ? { headerMedia: uploaded } : {}),
          params: values(names, params),
        },
      },
      {
        onSuccess: () => {
          setPicked(null);
          reset();
        },
        onError: (err) =>
          !fieldError(err, "waTemplate") && notifications.show({ color: "red", message: errorMessage(err) }),
      },
    );
  };
  return (
    <Box
      p="xs"
      bg="gray.0"
      style={{ borderTop: "1px solid var(--mantine-color-gray-3)" }}
      data-testid="templates-only"
    >
      <Alert color="orange" py={4} mb="xs">
        <Text size="xs">
          {reason === "never" ? t("inbox.window.never") : t("inbox.window.templatesOnly")}
        </Text>
      </Alert>
      <Stack gap={6}>
        <Select
          size="xs"
          label={t("inbox.template.label")}
          placeholder={
            templates.isPending
              ? t("common.loading")
              : approved.length === 0
                ? t("inbox.template.none")
                : t("inbox.template.pick")
          }
          value={picked}
          onChange={(v) => {
            setPicked(v);
            reset();
          }}
          data={approved.map((tpl) => ({
            value: `${tpl.name}|${tpl.language}`,
            label: `${tpl.name} (${tpl.language})`,
          }))}
          error={templates.isError ? errorMessage(templates.error) : fieldError(send.error, "waTemplate")}
          data-testid="template-select"
        />
        {template && (
          <Text size="xs" c="dimmed" style={{ whiteSpace: "pre-wrap" }} data-testid="template-preview">
            {templateBodyText(template.components)}
          </Text>
        )}
        {headerMedia && (
          <Stack gap={4} data-testid="template-header-media">
            <Text size="xs" fw={500}>
              {t(`inbox.template.headerMedia.${headerMedia}`)}
            </Text>
            {file ? (
              <AttachmentPreview
                file={file}
                uploading={upload.isPending}
                error={
                  upload.isError ? (fieldError(upload.error, "file") ?? errorMessage(upload.error)) : null
                }
                onRemove={() => {
                  setFile(null);
                  upload.reset();
                }}
              />
            ) : (
              <Group gap={4}>
                <AttachButton
                  onPick={(picked) => {
                    setFile(picked);
                    upload.mutate(picked);
                  }}
                  disabled={send.isPending}
                />
              </Group>
            )}
          </Stack>
        )}
        {headerNames.map((n) => (
          <TextInput
            key={`header-${n}`}
            size="xs"
            label={t("inbox.template.headerValue", { name: `{{${n}}}` })}
            value={headerParams[n] ?? ""}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setHeaderParams((old) => ({ ...old, [n]: v }));
            }}
          />
        ))}
        {names.map((n) => (
          <TextInput
            key={n}
            size="xs"
            label={`{{${n}}}`}
            value={params[n] ?? ""}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setParams((old) => ({ ...old, [n]: v }));
            }}
          />
        ))}
        <Group justify="flex-end">
          <Button
            size="xs"
            color="teal"
            disabled={!ready}
            loading={send.isPending}
            onClick={submit}
            data-testid="template-send"
          >
            {t("inbox.template.send")}
          </Button>
        </Group>
      </Stack>
    </Box>
  );
}
