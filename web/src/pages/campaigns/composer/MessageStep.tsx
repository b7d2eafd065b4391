import { Alert, Box, Grid, Paper, Select, Stack, Text, TextInput, Textarea, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { useApprovedWaTemplates } from "../../../api/channels";
import { errorMessage } from "../../../api/client";
import { useTemplates } from "../../../api/templates";
import { Bubble } from "../../../components/Bubble";
import { MessagePreview } from "../MessagePreview";
import type { StepProps } from "./AudienceStep";
import type { MessageMode } from "./pool";
import { filledWaTemplate, waBodyText, waParameters, waParamKey, waTemplateKey } from "./draft";

/** Template syntax shown in hints (passed as values so i18next does not read it as its own). */
const TEMPLATE_SYNTAX = {
  nameVar: "{{name}}",
  fallbackVar: "{{name|kak}}",
  spinVar: "{Halo|Hai}",
  example: "{{name|kak}}",
};

/**
 * Step 3: the message — free text (or a saved template) with a live preview, an approved
 * WhatsApp template on a Cloud API number, or both for hybrid routing: the text for warm
 * recipients over WhatsApp Web, the template (of `templateChannelId`) for new chats.
 */
export function MessageStep(props: StepProps & { mode: MessageMode; templateChannelId: string | null }) {
  const { t } = useTranslation();
  const template = <WaTemplateMessage {...props} channelId={props.templateChannelId} />;
  if (props.mode === "template") return template;
  if (props.mode === "text") return <TextMessage {...props} />;
  return (
    <Stack gap="xl">
      <Stack gap="xs" data-testid="hybrid-text">
        <Title order={5}>{t("pool.warmMessage")}</Title>
        <TextMessage {...props} />
      </Stack>
      <Stack gap="xs" data-testid="hybrid-template">
        <Title order={5}>{t("pool.coldMessage")}</Title>
        {template}
      </Stack>
    </Stack>
  );
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

/**
 * An approved WhatsApp template and a value for each of its parameters: {{1}}, {{2}}, … or,
 * for a NAMED template, each name ({{customer_name}}). A value is text that may use Kabar's
 * variables (the contact's name, an attribute, an import column) or be fixed text.
 */
function WaTemplateMessage({ draft, update, error, channelId }: StepProps & { channelId: string | null }) {
  const { t } = useTranslation();
  const { templates, approved } = useApprovedWaTemplates(channelId ?? "", Boolean(channelId));
  const key = waTemplateKey;
  const chosen = draft.waTemplate ? approved.find((x) => key(x) === key(draft.waTemplate!)) : undefined;
  const params = waParameters(chosen);
  const filled = chosen ? filledWaTemplate(chosen, draft.waParams) : "";
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
              update({ waTemplate: tpl ? { name: tpl.name, language: tpl.language } : null, waParams: {} });
            }}
            data={approved.map((x) => ({ value: key(x), label: `${x.name} (${x.language})` }))}
            nothingFoundMessage={t("composer.noWaTemplates")}
            error={error("waTemplate") ?? (templates.isError ? errorMessage(templates.error) : undefined)}
            data-testid="wa-template-input"
          />
          {templates.isSuccess && approved.length === 0 && (
            <Alert color="yellow">{t("composer.noWaTemplates")}</Alert>
          )}
          {params.map(([part, name]) => {
            const k = waParamKey(part, name);
            return (
              <TextInput
                key={k}
                label={t(part === "header" ? "composer.waHeaderParam" : "composer.waParam", {
                  n: `{{${name}}}`,
                })}
                description={t("composer.waParamHint", TEMPLATE_SYNTAX)}
                required
                value={draft.waParams[k] ?? ""}
                onChange={(e) => update({ waParams: { ...draft.waParams, [k]: e.currentTarget.value } })}
                error={error(`waTemplate.${k}`)}
                data-testid={part === "body" ? `wa-param-${name}` : `wa-param-header-${name}`}
              />
            );
          })}
          {(error("waTemplate.header") || error("waTemplate.body")) && (
            <Text size="sm" c="red" role="alert" data-testid="wa-params-error">
              {error("waTemplate.header") ?? error("waTemplate.body")}
            </Text>
          )}
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Paper withBorder p="md" radius="md">
          <Text fw={500} mb="sm">
            {t("composer.waBody")}
          </Text>
          <Box p="md" bg="#efeae2" style={{ borderRadius: 8, minHeight: 120 }}>
            {chosen && waBodyText(chosen) && (
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
