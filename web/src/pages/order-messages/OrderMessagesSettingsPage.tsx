import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { errorMessage, fieldError } from "../../api/client";
import {
  ORDER_MESSAGE_EVENTS,
  ORDER_MESSAGE_VARIABLES,
  type OrderMessageEvent,
  type OrderMessageEventSettings,
  type OrderMessageSettings,
  useOrderMessageSettings,
  usePreviewOrderMessage,
  useSaveOrderMessageSettings,
} from "../../api/orderMessages";
import { useCan, useChannels, useMe } from "../../api/session";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";

/**
 * /settings/order-messages: the number order messages go from, each event's switch, text
 * (with the variables and a preview on a sample order) and Cloud API template, and the
 * hours a COD order waits for its answer. Who holds `settings.update` changes them; others see them read-only.
 */
export function OrderMessagesSettingsPage() {
  const { t } = useTranslation();
  const settings = useOrderMessageSettings();
  return (
    <>
      <Anchor component={Link} to="/settings" size="sm">
        ← {t("settings.title")}
      </Anchor>
      <PageHeader title={t("orderMessages.title")} />
      <Text size="sm" c="dimmed" mb="md">
        {t("orderMessages.intro")}
      </Text>
      <QueryState query={settings}>{(data) => <SettingsForm saved={data} />}</QueryState>
    </>
  );
}

function SettingsForm({ saved }: { saved: OrderMessageSettings }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const mayEdit = useCan()("settings.update");
  const channels = useChannels().data ?? [];
  const save = useSaveOrderMessageSettings();
  const [draft, setDraft] = useState<OrderMessageSettings>(saved);
  const setEvent = (e: OrderMessageEvent, patch: Partial<OrderMessageEventSettings>) =>
    setDraft((d) => ({ ...d, events: { ...d.events, [e]: { ...d.events[e], ...patch } } }));
  const dirty = JSON.stringify(draft) !== JSON.stringify(saved);
  const err = save.error;
  const submit = () =>
    save.mutate(draft, {
      onSuccess: (s) => {
        setDraft(s);
        notifications.show({ color: "teal", message: t("orderMessages.saved") });
      },
    });
  return (
    <Stack gap="md" data-testid="order-messages-settings">
      {me && !mayEdit && (
        <Alert color="gray" data-testid="order-messages-owner-only">
          {t("settings.ownerOnly")}
        </Alert>
      )}
      {err && !fieldError(err, ...ORDER_MESSAGE_EVENTS.map((e) => `events.${e}.text`), "channelId") && (
        <Alert color="red">{errorMessage(err)}</Alert>
      )}
      <Paper withBorder radius="md" p="md">
        <Group grow align="flex-start">
          <Select
            label={t("orderMessages.channel")}
            data={[
              { value: "", label: t("orderMessages.channelAuto") },
              ...channels.map((c) => ({ value: c.id, label: c.name })),
            ]}
            value={draft.channelId ?? ""}
            onChange={(v) => setDraft((d) => ({ ...d, channelId: v || null }))}
            error={fieldError(err, "channelId")}
            disabled={!mayEdit}
            allowDeselect={false}
            data-testid="order-messages-channel"
          />
          <NumberInput
            label={t("orderMessages.codHours")}
            description={t("orderMessages.codHoursHint")}
            min={1}
            max={168}
            value={draft.codReminderHours}
            onChange={(v) => typeof v === "number" && setDraft((d) => ({ ...d, codReminderHours: v }))}
            disabled={!mayEdit}
            data-testid="order-messages-cod-hours"
          />
        </Group>
      </Paper>
      {ORDER_MESSAGE_EVENTS.map((e) => (
        <EventCard
          key={e}
          event={e}
          value={draft.events[e]}
          onChange={(patch) => setEvent(e, patch)}
          error={fieldError(err, `events.${e}.text`)}
          readOnly={!mayEdit}
        />
      ))}
      {mayEdit && (
        <Group justify="flex-end">
          <Button
            onClick={submit}
            disabled={!dirty}
            loading={save.isPending}
            data-testid="order-messages-save"
          >
            {t("orderMessages.save")}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

interface EventCardProps {
  event: OrderMessageEvent;
  value: OrderMessageEventSettings;
  onChange(patch: Partial<OrderMessageEventSettings>): void;
  error?: string;
  readOnly: boolean;
}

/** One event: its switch, text with the variables and a preview, and its Cloud API template. */
function EventCard({ event, value, onChange, error, readOnly }: EventCardProps) {
  const { t } = useTranslation();
  const preview = usePreviewOrderMessage();
  const tpl = value.waTemplate ?? { name: "", language: "id" };
  const setTemplate = (patch: Partial<typeof tpl>) => {
    const next = { ...tpl, ...patch };
    onChange({ waTemplate: next.name.trim() ? next : null });
  };
  return (
    <Paper withBorder radius="md" p="md" data-testid={`order-message-${event}`}>
      <Group justify="space-between" mb="sm">
        <Title order={4} size="h5">
          {t(`orderMessages.event.${event}`)}
        </Title>
        <Switch
          label={t("orderMessages.enabled")}
          checked={value.enabled}
          onChange={(ev) => onChange({ enabled: ev.currentTarget.checked })}
          disabled={readOnly}
          data-testid={`order-message-${event}-enabled`}
        />
      </Group>
      <Stack gap="xs">
        <Textarea
          label={t("orderMessages.text")}
          autosize
          minRows={2}
          value={value.text}
          onChange={(ev) => onChange({ text: ev.currentTarget.value })}
          error={error}
          disabled={readOnly}
          data-testid={`order-message-${event}-text`}
        />
        <Group gap={4}>
          <Text size="xs" c="dimmed">
            {t("orderMessages.variables")}:
          </Text>
          {ORDER_MESSAGE_VARIABLES.map((v) => (
            <Badge key={v} variant="light" color="gray" size="sm" tt="none">
              {v}
            </Badge>
          ))}
        </Group>
        <Group>
          <Button
            variant="light"
            size="xs"
            loading={preview.isPending}
            onClick={() => preview.mutate({ event, text: value.text })}
            data-testid={`order-message-${event}-preview`}
          >
            {t("orderMessages.preview")}
          </Button>
        </Group>
        {preview.data && (
          <Alert
            color="teal"
            title={t("orderMessages.previewTitle")}
            data-testid={`order-message-${event}-sample`}
          >
            <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
              {preview.data.text}
            </Text>
            {preview.data.missing.length > 0 && (
              <Text size="xs" c="dimmed" mt={4}>
                {t("orderMessages.missing", { names: preview.data.missing.join(", ") })}
              </Text>
            )}
          </Alert>
        )}
        <Text size="sm" fw={500} mt="xs">
          {t("orderMessages.template")}
        </Text>
        <Group grow>
          <TextInput
            label={t("orderMessages.templateName")}
            value={tpl.name}
            onChange={(ev) => setTemplate({ name: ev.currentTarget.value })}
            disabled={readOnly}
            data-testid={`order-message-${event}-template`}
          />
          <TextInput
            label={t("orderMessages.templateLanguage")}
            value={tpl.language}
            onChange={(ev) => setTemplate({ language: ev.currentTarget.value })}
            disabled={readOnly}
          />
        </Group>
        <Text size="xs" c="dimmed">
          {t("orderMessages.templateHint")}
        </Text>
      </Stack>
    </Paper>
  );
}
