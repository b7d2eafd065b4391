import { Alert, Box, Paper, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import { usePreview } from "../../api/campaigns";
import { Bubble } from "../../components/Bubble";

/** The message rendered by the server for a sample customer (variables, spintax). */
export function MessagePreview({ body }: { body: string }) {
  const { t } = useTranslation();
  const preview = usePreview(body);
  return (
    <Paper withBorder p="md" radius="md">
      <Text fw={500} mb="sm">
        {t("newCampaign.preview")}
      </Text>
      <Box p="md" bg="#efeae2" style={{ borderRadius: 8, minHeight: 120 }}>
        {!body.trim() && (
          <Text size="sm" c="dimmed">
            {t("newCampaign.previewEmpty")}
          </Text>
        )}
        {body.trim() && preview.data && (
          <Bubble side="left" testId="preview">
            {preview.data.text}
          </Bubble>
        )}
      </Box>
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
