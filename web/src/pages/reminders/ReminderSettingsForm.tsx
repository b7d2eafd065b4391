import {
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Textarea,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, errorMessage } from "../../api/client";
import {
  type ReminderSettings,
  type ReminderSettingsChange,
  useReminderSettings,
  useSaveReminderSettings,
} from "../../api/reminders";
import { useChannels } from "../../api/session";
import { ReminderTemplatePicker } from "./ReminderTemplatePicker";

type Form = Pick<
  ReminderSettings,
  | "enabled"
  | "leadDays"
  | "sendHour"
  | "channelId"
  | "message"
  | "crossSell"
  | "maxSuggestions"
  | "waTemplate"
>;

/**
 * The owner's reminder settings: on/off, lead days, send hour, number, message, cross-sell,
 * and on a Cloud API number the approved WhatsApp template with its values.
 */
export function ReminderSettingsForm() {
  const { t } = useTranslation();
  const settings = useReminderSettings();
  const channels = useChannels();
  const save = useSaveReminderSettings();
  const [form, setForm] = useState<Form | null>(null);
  useEffect(() => {
    const d = settings.data;
    if (d) {
      const { enabled, leadDays, sendHour, channelId, message, crossSell, maxSuggestions, waTemplate } = d;
      setForm({ enabled, leadDays, sendHour, channelId, message, crossSell, maxSuggestions, waTemplate });
    }
  }, [settings.data]);
  if (!form || !settings.data) return null;
  const fields = save.error instanceof ApiError ? (save.error.fields ?? {}) : {};
  const set = <K extends keyof Form>(key: K, value: Form[K]) =>
    setForm((s) => (s ? { ...s, [key]: value } : s));
  const num = (v: string | number) => (typeof v === "number" ? v : 0);
  // A Cloud API number sends only an approved template: the picker shows for one.
  const cloud = (channels.data ?? []).find((c) => c.id === form.channelId && c.kind === "cloud_api");
  const submit = (change: ReminderSettingsChange) =>
    save.mutate(change, {
      onSuccess: () => notifications.show({ color: "teal", message: t("reminders.settings.saved") }),
      onError: (e) => notifications.show({ color: "red", message: errorMessage(e) }),
    });
  return (
    <Paper withBorder p="md" data-testid="reminder-settings">
      <Stack>
        <Title order={4}>{t("reminders.settings.title")}</Title>
        <Switch
          label={t("reminders.settings.enabled", { zone: settings.data.timeZone })}
          checked={form.enabled}
          onChange={(e) => set("enabled", e.currentTarget.checked)}
          data-testid="reminder-enabled"
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NumberInput
            label={t("reminders.settings.leadDays")}
            min={0}
            max={60}
            allowDecimal={false}
            value={form.leadDays}
            onChange={(v) => set("leadDays", num(v))}
            error={fields.leadDays ? String(fields.leadDays) : undefined}
            data-testid="reminder-lead"
          />
          <NumberInput
            label={t("reminders.settings.sendHour")}
            min={0}
            max={23}
            allowDecimal={false}
            value={form.sendHour}
            onChange={(v) => set("sendHour", num(v))}
            error={fields.sendHour ? String(fields.sendHour) : undefined}
          />
          <Select
            label={t("reminders.settings.channel")}
            placeholder={t("reminders.settings.anyChannel")}
            clearable
            data={(channels.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            value={form.channelId}
            onChange={(v) => set("channelId", v)}
            data-testid="reminder-channel"
          />
        </SimpleGrid>
        {cloud && (
          <ReminderTemplatePicker
            channelId={cloud.id}
            value={form.waTemplate}
            onChange={(v) => set("waTemplate", v)}
            error={fields.waTemplate ? String(fields.waTemplate) : undefined}
          />
        )}
        <Group>
          <Switch
            label={t("reminders.settings.crossSell")}
            checked={form.crossSell}
            onChange={(e) => set("crossSell", e.currentTarget.checked)}
          />
          <NumberInput
            label={t("reminders.settings.maxSuggestions")}
            min={0}
            max={5}
            allowDecimal={false}
            value={form.maxSuggestions}
            onChange={(v) => set("maxSuggestions", num(v))}
            disabled={!form.crossSell}
          />
        </Group>
        <Textarea
          label={t("reminders.settings.message")}
          description={t("reminders.settings.messageHelp", {
            vName: "{{name}}",
            vItems: "{{reminder.items}}",
            vSuggestions: "{{reminder.suggestions}}",
          })}
          autosize
          minRows={4}
          value={form.message}
          onChange={(e) => set("message", e.currentTarget.value)}
          error={fields.message ? String(fields.message) : undefined}
          data-testid="reminder-message-input"
        />
        <Group justify="flex-end">
          {!settings.data.messageIsDefault && (
            <Button variant="subtle" onClick={() => submit({ message: null })}>
              {t("reminders.settings.defaultMessage")}
            </Button>
          )}
          <Button
            loading={save.isPending}
            onClick={() => {
              // Only a Cloud API number keeps a template.
              const change = { ...form, waTemplate: cloud ? form.waTemplate : null };
              const { message, ...rest } = change;
              submit(message === settings.data?.message ? rest : change);
            }}
            data-testid="reminder-settings-save"
          >
            {t("reminders.settings.save")}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
