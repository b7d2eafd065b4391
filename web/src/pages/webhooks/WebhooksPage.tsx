import { Alert, Badge, Button, Group, Paper, Switch, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import { useCan } from "../../api/session";
import {
  useDeleteWebhookEndpoint,
  useRotateWebhookSecret,
  useSendWebhookTest,
  useUpdateWebhookEndpoint,
  useWebhookEndpoints,
  type WebhookEndpoint,
} from "../../api/webhooks";
import { ConfirmButton } from "../../components/ConfirmButton";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { TableHead } from "../../components/TableHead";
import { DeliveryLog } from "./DeliveryLog";
import { EndpointDialog } from "./EndpointDialog";
import { eventNameKey } from "./events";
import { SecretDialog } from "./SecretDialog";

/**
 * The shop's outgoing webhooks (`/settings/webhooks`, with `webhooks.read`; each action with
 * the permission of its route; linked from the settings page; docs/webhooks.md): each endpoint's URL, events and state (on, off, or turned off by
 * Kabar after 24 h of failures) with its switch, edit, test event, secret rotation, delivery
 * log and delete; a new or rotated secret is shown once.
 */
export function WebhooksPage() {
  const { t } = useTranslation();
  const can = useCan();
  const list = useWebhookEndpoints(can("webhooks.read"));
  const [dialog, setDialog] = useState<{ editing: WebhookEndpoint | null } | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [log, setLog] = useState<WebhookEndpoint | null>(null);
  return (
    <>
      <PageHeader title={t("webhooks.title")}>
        {can("webhooks.create") && (
          <Button onClick={() => setDialog({ editing: null })} data-testid="webhooks-create">
            {t("webhooks.create")}
          </Button>
        )}
      </PageHeader>
      <Text c="dimmed" size="sm" mb="xs">
        {t("webhooks.intro")}
      </Text>
      <Text c="dimmed" size="xs" mb="md">
        {t("webhooks.docsHint")}
      </Text>
      {can("webhooks.read") ? (
        <Paper withBorder radius="md" p="md">
          <QueryState query={list} empty={t("webhooks.empty")} isEmpty={(l) => l.length === 0}>
            {(endpoints) => (
              <EndpointTable
                endpoints={endpoints}
                onEdit={(e) => setDialog({ editing: e })}
                onSecret={setSecret}
                onLog={setLog}
              />
            )}
          </QueryState>
        </Paper>
      ) : (
        <Alert color="gray" data-testid="webhooks-owner-only">
          {t("webhooks.ownerOnly")}
        </Alert>
      )}
      <EndpointDialog
        opened={dialog !== null}
        editing={dialog?.editing ?? null}
        onClose={() => setDialog(null)}
        onSecret={setSecret}
      />
      <SecretDialog secret={secret} onClose={() => setSecret(null)} />
      <DeliveryLog endpoint={log} onClose={() => setLog(null)} />
    </>
  );
}

function EndpointTable({
  endpoints,
  onEdit,
  onSecret,
  onLog,
}: {
  endpoints: WebhookEndpoint[];
  onEdit: (e: WebhookEndpoint) => void;
  onSecret: (secret: string) => void;
  onLog: (e: WebhookEndpoint) => void;
}) {
  const { t } = useTranslation();
  const update = useUpdateWebhookEndpoint();
  const remove = useDeleteWebhookEndpoint();
  const rotate = useRotateWebhookSecret();
  const test = useSendWebhookTest();
  const failed = (e: unknown) => notifications.show({ color: "red", message: errorMessage(e) });
  const can = useCan();
  const mayUpdate = can("webhooks.update");
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table verticalSpacing="sm" data-testid="webhooks-table">
        <TableHead
          columns={[t("webhooks.url"), t("webhooks.events"), t("webhooks.status"), t("webhooks.actions")]}
        />
        <Table.Tbody>
          {endpoints.map((e) => (
            <Table.Tr key={e.id} data-testid="webhook-row" data-endpoint-id={e.id}>
              <Table.Td style={{ wordBreak: "break-all" }}>{e.url}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {e.events.map((event) => (
                    <Badge key={event} variant="light" tt="none" title={event}>
                      {t(eventNameKey(event))}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Switch
                    checked={e.enabled}
                    disabled={!mayUpdate}
                    aria-label={t("webhooks.enabled")}
                    onChange={(ev) =>
                      update.mutate({ id: e.id, enabled: ev.currentTarget.checked }, { onError: failed })
                    }
                    data-testid="webhook-enabled"
                  />
                  <Badge
                    color={e.enabled ? "teal" : e.disabledReason === "failing" ? "red" : "gray"}
                    data-testid="webhook-state"
                  >
                    {t(
                      e.enabled
                        ? "webhooks.state.on"
                        : e.disabledReason === "failing"
                          ? "webhooks.state.failing"
                          : "webhooks.state.off",
                    )}
                  </Badge>
                </Group>
              </Table.Td>
              <Table.Td>
                <Group gap={6}>
                  {mayUpdate && (
                    <>
                      <Button size="xs" variant="light" onClick={() => onEdit(e)} data-testid="webhook-edit">
                        {t("webhooks.edit")}
                      </Button>
                      <Button
                        size="xs"
                        variant="light"
                        loading={test.isPending && test.variables === e.id}
                        onClick={() =>
                          test.mutate(e.id, {
                            onSuccess: () =>
                              notifications.show({ color: "teal", message: t("webhooks.testSent") }),
                            onError: failed,
                          })
                        }
                        data-testid="webhook-test"
                      >
                        {t("webhooks.test")}
                      </Button>
                    </>
                  )}
                  <Button size="xs" variant="light" onClick={() => onLog(e)} data-testid="webhook-log">
                    {t("webhooks.log")}
                  </Button>
                  {mayUpdate && (
                    <ConfirmButton
                      size="xs"
                      variant="light"
                      color="orange"
                      title={t("webhooks.rotateTitle")}
                      message={t("webhooks.rotateMessage")}
                      confirmLabel={t("webhooks.rotate")}
                      loading={rotate.isPending && rotate.variables === e.id}
                      onConfirm={() =>
                        rotate.mutate(e.id, { onSuccess: (made) => onSecret(made.secret), onError: failed })
                      }
                      data-testid="webhook-rotate"
                    >
                      {t("webhooks.rotate")}
                    </ConfirmButton>
                  )}
                  {can("webhooks.delete") && (
                    <ConfirmButton
                      size="xs"
                      variant="light"
                      color="red"
                      title={t("webhooks.deleteTitle")}
                      message={t("webhooks.deleteMessage")}
                      confirmLabel={t("webhooks.delete")}
                      loading={remove.isPending && remove.variables === e.id}
                      onConfirm={() =>
                        remove.mutate(e.id, {
                          onSuccess: () =>
                            notifications.show({ color: "teal", message: t("webhooks.deleted") }),
                          onError: failed,
                        })
                      }
                      data-testid="webhook-delete"
                    >
                      {t("webhooks.delete")}
                    </ConfirmButton>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
