import { Alert, Select, Stack, Text, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useApprovedWaTemplates } from "../../api/channels";
import { errorMessage } from "../../api/client";
import type { ReminderSettings } from "../../api/reminders";
import type { WaTemplate } from "../../api/types";
import {
  filledWaTemplate,
  waParamEntries,
  waParamKey,
  waParameters,
  waTemplateKey as key,
} from "../campaigns/composer/draft";

/** The reminder settings' WhatsApp template: name, language and each parameter's value. */
type ReminderWaTemplate = NonNullable<ReminderSettings["waTemplate"]>;

/** The template's values keyed like the campaign composer's ("body.1", "header.customer_name"). */
function valuesOf(ref: ReminderWaTemplate | null): Record<string, string> {
  if (!ref) return {};
  return Object.fromEntries(
    (["header", "body"] as const).flatMap((part) =>
      waParamEntries(ref[part]).map(([name, v]) => [waParamKey(part, name), v]),
    ),
  );
}

/**
 * The settings' template from the chosen template and the values: in order ({{1}}, {{2}}, …)
 * for a POSITIONAL template, by name for a NAMED one.
 */
function reminderTemplateOf(
  t: Pick<WaTemplate, "name" | "language" | "parameterFormat" | "parameters">,
  values: Record<string, string>,
): ReminderWaTemplate {
  const ref: ReminderWaTemplate = { name: t.name, language: t.language };
  for (const part of ["header", "body"] as const) {
    const names = t.parameters[part] ?? [];
    if (names.length === 0) continue;
    const value = (n: string) => values[waParamKey(part, n)] ?? "";
    ref[part] =
      t.parameterFormat === "NAMED" ? Object.fromEntries(names.map((n) => [n, value(n)])) : names.map(value);
  }
  return ref;
}

/**
 * Picks the approved WhatsApp template a Cloud API number sends reminders with, and maps
 * each of its parameters to text that may use {{name|Kak}}, {{reminder.items}} and
 * {{reminder.suggestions}}; shows the template with the values in place.
 */
export function ReminderTemplatePicker({
  channelId,
  value,
  onChange,
  error,
}: {
  channelId: string;
  value: ReminderWaTemplate | null;
  onChange: (v: ReminderWaTemplate | null) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const { templates, approved } = useApprovedWaTemplates(channelId, true);
  const chosen = value ? approved.find((x) => key(x) === key(value)) : undefined;
  const values = valuesOf(value);
  const filled = chosen ? filledWaTemplate(chosen, values) : "";
  return (
    <Stack gap="xs" data-testid="reminder-template-picker">
      <Text size="sm" c="dimmed">
        {t("reminders.settings.waTemplateHint")}
      </Text>
      <Select
        label={t("reminders.settings.waTemplate")}
        placeholder={t("reminders.settings.waTemplatePlaceholder")}
        required
        searchable
        value={chosen ? key(chosen) : null}
        onChange={(v) => {
          const tpl = approved.find((x) => key(x) === v);
          onChange(tpl ? reminderTemplateOf(tpl, {}) : null);
        }}
        data={approved.map((x) => ({ value: key(x), label: `${x.name} (${x.language})` }))}
        nothingFoundMessage={t("reminders.settings.noWaTemplates")}
        error={error ?? (templates.isError ? errorMessage(templates.error) : undefined)}
        data-testid="reminder-wa-template"
      />
      {templates.isSuccess && approved.length === 0 && (
        <Alert color="yellow">{t("reminders.settings.noWaTemplates")}</Alert>
      )}
      {chosen &&
        waParameters(chosen).map(([part, name]) => {
          const k = waParamKey(part, name);
          return (
            <TextInput
              key={k}
              label={t("reminders.settings.waParam", { n: `{{${name}}}` })}
              description={t("reminders.settings.waParamHint", {
                vName: "{{name|Kak}}",
                vItems: "{{reminder.items}}",
                vSuggestions: "{{reminder.suggestions}}",
              })}
              required
              value={values[k] ?? ""}
              onChange={(e) =>
                onChange(reminderTemplateOf(chosen, { ...values, [k]: e.currentTarget.value }))
              }
              data-testid={`reminder-wa-param-${part}-${name}`}
            />
          );
        })}
      {filled && (
        <Text size="sm" style={{ whiteSpace: "pre-wrap" }} data-testid="reminder-wa-preview">
          {filled}
        </Text>
      )}
    </Stack>
  );
}
