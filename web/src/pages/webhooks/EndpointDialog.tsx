import { Alert, Button, Checkbox, Code, Group, Modal, Stack, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage, fieldError } from "../../api/client";
import {
  useCreateWebhookEndpoint,
  useUpdateWebhookEndpoint,
  WEBHOOK_EVENTS,
  type WebhookEndpoint,
  type WebhookEvent,
} from "../../api/webhooks";
import { eventNameKey } from "./events";

/**
 * Adds an endpoint (`editing` null) or edits one: its URL and the events it takes. A new
 * endpoint's secret goes to `onSecret`, which shows it once.
 */
export function EndpointDialog({
  opened,
  editing,
  onClose,
  onSecret,
}: {
  opened: boolean;
  editing: WebhookEndpoint | null;
  onClose: () => void;
  onSecret: (secret: string) => void;
}) {
  const { t } = useTranslation();
  const create = useCreateWebhookEndpoint();
  const update = useUpdateWebhookEndpoint();
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<WebhookEvent[]>([]);
  const [missing, setMissing] = useState({ url: false, events: false });
  // biome-ignore lint/correctness/useExhaustiveDependencies: the form is reset only when the dialog opens
  useEffect(() => {
    if (!opened) return;
    setUrl(editing?.url ?? "");
    setEvents(editing?.events ?? ["order.created"]);
    setMissing({ url: false, events: false });
    create.reset();
    update.reset();
  }, [opened, editing]);
  const err = create.error ?? update.error;
  const errors = {
    url: missing.url ? t("webhooks.urlRequired") : fieldError(err, "url"),
    events: missing.events ? t("webhooks.eventsRequired") : fieldError(err, "events"),
  };
  const general = err && !errors.url && !errors.events ? errorMessage(err) : null;
  const submit = () => {
    const gaps = { url: url.trim() === "", events: events.length === 0 };
    setMissing(gaps);
    if (gaps.url || gaps.events) return;
    const input = { url: url.trim(), events };
    if (editing)
      update.mutate(
        { id: editing.id, ...input },
        {
          onSuccess: () => {
            notifications.show({ color: "teal", message: t("webhooks.saved") });
            onClose();
          },
        },
      );
    else
      create.mutate(input, {
        onSuccess: (made) => {
          onClose();
          onSecret(made.secret);
        },
      });
  };
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={editing ? t("webhooks.edit") : t("webhooks.create")}
      centered
      size="lg"
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack>
          {general && (
            <Alert color="red" role="alert">
              {general}
            </Alert>
          )}
          <TextInput
            label={t("webhooks.url")}
            description={t("webhooks.urlHint")}
            required
            value={url}
            onChange={(e) => {
              setUrl(e.currentTarget.value);
              setMissing((m) => ({ ...m, url: false }));
            }}
            error={errors.url}
            data-testid="webhook-url"
          />
          <Checkbox.Group
            label={t("webhooks.events")}
            required
            value={events}
            onChange={(v) => {
              setEvents(WEBHOOK_EVENTS.filter((e) => v.includes(e)));
              setMissing((m) => ({ ...m, events: false }));
            }}
            error={errors.events}
          >
            <Stack gap="xs" mt="xs">
              {WEBHOOK_EVENTS.map((event) => (
                <Checkbox
                  key={event}
                  value={event}
                  label={t(eventNameKey(event))}
                  description={<Code>{event}</Code>}
                  data-testid={`webhook-event-${event}`}
                />
              ))}
            </Stack>
          </Checkbox.Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("webhooks.cancel")}
            </Button>
            <Button type="submit" loading={create.isPending || update.isPending} data-testid="webhook-submit">
              {editing ? t("webhooks.save") : t("webhooks.create")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
