import { Box, Divider, Paper, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { type WizardForm, withExamples } from "./draft";

/**
 * The template as a customer's phone shows it: a chat bubble with the header, the body
 * (variables filled with their examples), the footer and the buttons under it.
 */
export function PhonePreview({ form }: { form: WizardForm }) {
  const { t } = useTranslation();
  const headerVar = /\{\{\s*([^{}]*?)\s*\}\}/.exec(form.headerText)?.[1];
  const header =
    form.headerType === "TEXT"
      ? withExamples(form.headerText, headerVar ? { [headerVar]: form.headerExample } : {})
      : null;
  const buttons =
    form.buttonKind === "QUICK_REPLY"
      ? form.quickReplies
      : form.buttonKind === "CTA"
        ? form.cta.map((b) => `${b.type === "PHONE_NUMBER" ? "📞" : "🔗"} ${b.text}`)
        : [];
  return (
    <Box bg="#e5ddd5" p="sm" style={{ borderRadius: 16, minHeight: 240 }} data-testid="wa-preview">
      <Stack gap={4} maw={300}>
        <Paper radius="md" p="xs" shadow="xs">
          {form.headerType !== "NONE" && form.headerType !== "TEXT" && (
            <Box bg="gray.2" p="md" mb={6} style={{ borderRadius: 8, textAlign: "center" }}>
              <Text size="xs" c="dimmed">
                {t(`channels.waWizard.headerType.${form.headerType}`)}
              </Text>
            </Box>
          )}
          {header && (
            <Text fw={700} size="sm" data-testid="wa-preview-header">
              {header}
            </Text>
          )}
          <Text size="sm" style={{ whiteSpace: "pre-wrap" }} data-testid="wa-preview-body">
            {withExamples(form.body, form.bodyExamples) || t("channels.waWizard.previewEmpty")}
          </Text>
          {form.footer && (
            <Text size="xs" c="dimmed" mt={4}>
              {form.footer}
            </Text>
          )}
          {buttons.length > 0 && <Divider my={6} />}
          {buttons.map((b, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: buttons are shown in place, by position
            <Text key={i} size="sm" c="blue" ta="center" py={2}>
              {b}
            </Text>
          ))}
        </Paper>
      </Stack>
    </Box>
  );
}
