import { Alert, Badge, Button, FileButton, Group, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { errorMessage, fieldError } from "../../api/client";
import { useUploadTemplateMedia } from "../../api/templates";
import type { TemplateMedia } from "../../api/types";

interface Props {
  value: TemplateMedia | null;
  onChange: (media: TemplateMedia | null) => void;
  /** The server's problem with the template's media, if any. */
  error?: string;
}

const ACCEPT =
  "image/jpeg,image/png,video/mp4,video/3gpp,audio/aac,audio/mp4,audio/mpeg,audio/amr,audio/ogg,application/pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.txt,.csv";

/** One picture, video, audio or document sent with the message (uploaded to the server at once). */
export function MediaField({ value, onChange, error }: Props) {
  const { t } = useTranslation();
  const upload = useUploadTemplateMedia();
  /** The name the file was uploaded as ("promo.jpg": the server keeps it for every type), or the link's last part. */
  const shownName = value ? (value.filename ?? value.url?.split("/").pop() ?? null) : null;
  const uploadError = upload.error
    ? (fieldError(upload.error, "file") ?? errorMessage(upload.error))
    : undefined;
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500}>
        {t("templateEditor.media")}
      </Text>
      <Group gap="xs">
        {value && (
          <Badge variant="light" color="grape" tt="none" data-testid="media-chip">
            {t(`templates.mediaType.${value.type}`)}
            {shownName ? ` · ${shownName}` : ""}
          </Badge>
        )}
        <FileButton
          onChange={(file) =>
            file &&
            upload.mutate(file, {
              onSuccess: ({ size: _size, ...media }) => onChange(media),
            })
          }
          accept={ACCEPT}
        >
          {(props) => (
            <Button
              {...props}
              size="compact-sm"
              variant="default"
              loading={upload.isPending}
              data-testid="media-upload"
            >
              {value ? t("templateEditor.mediaReplace") : t("templateEditor.mediaAdd")}
            </Button>
          )}
        </FileButton>
        {value && (
          <Button size="compact-sm" variant="subtle" color="red" onClick={() => onChange(null)}>
            {t("templateEditor.mediaRemove")}
          </Button>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        {t("templateEditor.mediaHint")}
      </Text>
      {(uploadError ?? error) && (
        <Alert color="red" py={6} role="alert">
          {uploadError ?? error}
        </Alert>
      )}
    </Stack>
  );
}
