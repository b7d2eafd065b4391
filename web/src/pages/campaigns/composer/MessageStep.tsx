import { Alert, Box, Grid, Paper, Select, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { useWaTemplates } from "../../../api/channels";
import { errorMessage } from "../../../api/client";
import { useTemplates } from "../../../api/templates";
import type { WaTemplate } from "../../../api/types";
import { Bubble } from "../../../components/Bubble";
import { MessagePreview } from "../MessagePreview";
import type { StepProps } from "./AudienceStep";
import { waBodyText, waParamCount } from "./draft";

/** Template syntax shown in hints (passed as values so i18next does not read it as its own). */
const TEMPLATE_SYNTAX = {
  nameVar: "{{name}}",
  fallbackVar: "{{name|kak}}",
  spinVar: "{Halo|Hai}",
  example: "{{name|kak}}",
};

/** Step 3: the message — free text (or a saved template) with a live preview, or an approved WhatsApp template on a Cloud API channel. */
export function MessageStep(props: StepProps & { cloudApi: boolean }) {
  return props.cloudApi ? <WaTemplateMessage {...props} /> : <TextMessage {...props} />;
}

function TextMessage({ draft, update, error }: StepProps) {
  const { t } = useTranslation();
  const templates = useTemplates();
  const [previewBody] = useDebouncedValue(draft.body, 400);
  // A saved template's attachment goes with the campaign (the server copies it).
  const media = templates.data?.find((x) => x.id === draft.templateId)?.media ?? null;
  return (
    <Grid gutter="lg">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Stack>
          <Select
            label={t("composer.savedTemplate")}
            placeholder={t("composer.savedTemplatePlaceholder")}
            clearable
            searchable
            value={draft.templateId}
            onChange={(templateId) => {
              const tpl = templates.data?.find((x) => x.id === templateId);
              update({ templateId, ...(tpl ? { body: tpl.body } : {}) });
            }}
            data={(templates.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
            nothingFoundMessage={t("composer.noTemplates")}
            error={error("templateId") ?? (templates.isError ? errorMessage(templates.error) : undefined)}
            data-testid="template-input"
          />
          <Textarea
            label={t("newCampaign.message")}
            description={t("newCampaign.messageHint", TEMPLATE_SYNTAX)}
            placeholder={t("newCampaign.messagePlaceholder", TEMPLATE_SYNTAX)}
            required
            autosize
            minRows={5}
            value={draft.body}
            onChange={(e) => update({ body: e.currentTarget.value })}
            error={error("body", "media")}
            data-testid="message-input"
          />
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <MessagePreview body={previewBody} media={media} />
      </Grid.Col>
    </Grid>
  );
}

function WaTemplateMessage({ draft, update, error }: StepProps) {
  const { t } = useTranslation();
  const templates = useWaTemplates(draft.channelId ?? "", Boolean(draft.channelId));
  const approved = (templates.data ?? []).filter((x) => x.status.toUpperCase() === "APPROVED");
  const key = (x: Pick<WaTemplate, "name" | "language">) => `${x.name}|${x.language}`;
  const chosen = draft.waTemplate ? approved.find((x) => key(x) === key(draft.waTemplate!)) : undefined;
  const count = chosen ? waParamCount(chosen) : 0;
  const body = chosen ? waBodyText(chosen) : "";
  const filled = body.replace(
    /\{\{\s*(\d+)\s*\}\}/g,
    (m, n: string) => draft.waParams[Number(n) - 1]?.trim() || m,
  );
  return (
    <Grid gutter="lg">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Stack>
          <Text size="sm" c="dimmed">
            {t("composer.waTemplateHint")}
          </Text>
          <Select
            label={t("composer.waTemplate")}
            placeholder={t("composer.waTemplatePlaceholder")}
            required
            searchable
            value={chosen ? key(chosen) : null}
            onChange={(v) => {
              const tpl = approved.find((x) => key(x) === v);
              update({
                waTemplate: tpl ? { name: tpl.name, language: tpl.language } : null,
                waParams: Array.from({ length: tpl ? waParamCount(tpl) : 0 }, () => ""),
              });
            }}
            data={approved.map((x) => ({ value: key(x), label: `${x.name} (${x.language})` }))}
            nothingFoundMessage={t("composer.noWaTemplates")}
            error={error("waTemplate") ?? (templates.isError ? errorMessage(templates.error) : undefined)}
            data-testid="wa-template-input"
          />
          {templates.isSuccess && approved.length === 0 && (
            <Alert color="yellow">{t("composer.noWaTemplates")}</Alert>
          )}
          {Array.from({ length: count }, (_, i) => (
            <TextInput
              // biome-ignore lint/suspicious/noArrayIndexKey: parameter slots {{1}}…{{n}} are identified by their position
              key={i}
              label={t("composer.waParam", { n: `{{${i + 1}}}` })}
              description={t("composer.waParamHint", TEMPLATE_SYNTAX)}
              required
              value={draft.waParams[i] ?? ""}
              onChange={(e) => {
                const waParams = [...draft.waParams];
                waParams[i] = e.currentTarget.value;
                update({ waParams });
              }}
              error={error(`waTemplate.body.${i}`)}
              data-testid={`wa-param-${i + 1}`}
            />
          ))}
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Paper withBorder p="md" radius="md">
          <Text fw={500} mb="sm">
            {t("composer.waBody")}
          </Text>
          <Box p="md" bg="#efeae2" style={{ borderRadius: 8, minHeight: 120 }}>
            {body && (
              <Bubble side="left" testId="wa-preview">
                {filled}
              </Bubble>
            )}
          </Box>
        </Paper>
      </Grid.Col>
    </Grid>
  );
}
