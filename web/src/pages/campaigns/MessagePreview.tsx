import { Alert, Box, Paper, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import { usePreview } from "../../api/campaigns";
import { mediaSrc } from "../../api/templates";
import type { TemplateMedia } from "../../api/types";
import { Bubble } from "../../components/Bubble";
import { CaptionMode, MessageMedia } from "../../components/MessageMedia";

/**
 * The message rendered by the server for a sample customer (variables, spintax), with its
 * attachment above the text as the customer's phone shows it, and how the text travels with
 * it (a caption, or a separate message after audio).
 */
export function MessagePreview({ body, media = null }: { body: string; media?: TemplateMedia | null }) {
  const { t } = useTranslation();
  const preview = usePreview(body);
  const hasText = body.trim().length > 0;
  return (
    <Paper withBorder p="md" radius="md">
      <Text fw={500} mb="sm">
        {t("newCampaign.preview")}
      </Text>
      <Box p="md" bg="#efeae2" style={{ borderRadius: 8, minHeight: 120 }}>
        {!hasText && !media && (
          <Text size="sm" c="dimmed">
            {t("newCampaign.previewEmpty")}
          </Text>
        )}
        {(media || (hasText && preview.data)) && (
          <Bubble side="left" testId="preview">
            {media && <MessageMedia media={media} src={mediaSrc(media)} />}
            {hasText ? (preview.data?.text ?? "") : ""}
          </Bubble>
        )}
      </Box>
      {media && (
        <Box mt="xs">
          <CaptionMode media={media} hasText={hasText} />
        </Box>
      )}
      {preview.isError && (
        <Alert color="red" mt="sm">
          {errorMessage(preview.error)}
        </Alert>
      )}
      {preview.data && preview.data.missing.length > 0 && (
        <Alert color="yellow" mt="sm">
          {t("newCampaign.missing", { names: preview.data.missing.join(", ") })}
        </Alert>
      )}
    </Paper>
  );
}
