import {
  Alert,
  Anchor,
  Badge,
  Button,
  Code,
  Grid,
  Group,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import {
  useChannel,
  useChannelAction,
  usePacingPresets,
  useUpdateChannel,
  type ChannelAction,
} from "../../api/channels";
import { errorMessage, fieldError } from "../../api/client";
import { useCan } from "../../api/session";
import type { Channel } from "../../api/types";
import { ConfirmButton } from "../../components/ConfirmButton";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { useFormat } from "../../lib/useFormat";
import { ChannelStatusBadge } from "./ChannelStatusBadge";
import { HealthPanel } from "./HealthPanel";
import { channelReasonText, presetLabel } from "./labels";
import { LinkPanel, needsLink } from "./LinkPanel";
import { PacingEditor } from "./PacingEditor";
import { OutletPicker } from "../../components/OutletPicker";
import { WaTemplatesPanel } from "./WaTemplatesPanel";
import { formatPhone } from "../../lib/phone";

/** One number: linking (QR / pairing code), status and health live, pacing, and for Cloud API its templates. */
export function ChannelDetailPage() {
  const { id = "" } = useParams();
  const query = useChannel(id);
  return <QueryState query={query}>{(channel) => <ChannelDetail channel={channel} />}</QueryState>;
}

function ChannelDetail({ channel }: { channel: Channel }) {
  const { t } = useTranslation();
  const f = useFormat();
  const can = useCan();
  const connect = can("channels.connect");
  const manage = can("channels.manage");
  return (
    <>
      <PageHeader title={channel.name}>
        <ChannelStatusBadge status={channel.status} />
      </PageHeader>
      <Group gap="md" mb="md" wrap="wrap">
        <Anchor component={Link} to="/channels" size="sm">
          ← {t("channels.title")}
        </Anchor>
        <Text size="sm" ff="monospace" data-testid="channel-phone">
          {channel.phone ? formatPhone(channel.phone) : t("channels.noNumberYet")}
        </Text>
        <Badge variant="outline" color="gray">
          {t(`channels.kind.${channel.kind}`)}
        </Badge>
        <Text size="sm" c="dimmed" data-testid="channel-since">
          {t("channels.statusSince", {
            status: t(`channelStatus.${channel.status}`),
            time: f.dateTime(channel.statusSince),
          })}
          {channel.lastError ? ` · ${channelReasonText(t, channel.lastError)}` : ""}
        </Text>
      </Group>
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack>
            {needsLink(channel) && <LinkPanel channel={channel} canConnect={connect} />}
            {channel.kind === "cloud_api" && <CloudApiWebhook channelId={channel.id} />}
            {channel.kind === "cloud_api" && <WaTemplatesPanel channelId={channel.id} canManage={manage} />}
            <PacingPanel channel={channel} canManage={manage} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack>
            <HealthPanel channelId={channel.id} />
            {(manage || connect) && <ManagePanel channel={channel} canManage={manage} canConnect={connect} />}
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

/** Rename (`channels.manage`); connect, disconnect, log out (`channels.connect`). */
function ManagePanel({
  channel,
  canManage,
  canConnect,
}: {
  channel: Channel;
  canManage: boolean;
  canConnect: boolean;
}) {
  const { t } = useTranslation();
  const action = useChannelAction(channel.id);
  const update = useUpdateChannel(channel.id);
  const [name, setName] = useState(channel.name);
  const run = (a: ChannelAction) =>
    action.mutate(a, {
      onSuccess: () => notifications.show({ color: "teal", message: t(`channels.done.${a}`) }),
      onError: (e) =>
        notifications.show({ color: "red", title: t("channels.actionFailed"), message: errorMessage(e) }),
    });
  const live = ["connected", "connecting", "qr"].includes(channel.status);
  return (
    <Paper withBorder radius="md" p="md">
      <Title order={4} mb="sm">
        {t("channels.manage")}
      </Title>
      <Stack gap="sm">
        {canManage && (
          <Group align="flex-end" gap="xs" wrap="nowrap">
            <TextInput
              label={t("channels.name")}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={fieldError(update.error, "name")}
              style={{ flex: 1 }}
            />
            <Button
              variant="default"
              disabled={!name.trim() || name.trim() === channel.name}
              loading={update.isPending}
              onClick={() =>
                update.mutate(
                  { name: name.trim() },
                  { onSuccess: () => notifications.show({ color: "teal", message: t("channels.renamed") }) },
                )
              }
            >
              {t("channels.rename")}
            </Button>
          </Group>
        )}
        {canManage && (
          // Moving the number to another outlet (only when the shop has two or more).
          <OutletPicker
            label={t("settings.outlets.move")}
            clearable={false}
            value={channel.outletId}
            onChange={(outletId) =>
              outletId &&
              outletId !== channel.outletId &&
              update.mutate(
                { outletId },
                {
                  onSuccess: () =>
                    notifications.show({ color: "teal", message: t("settings.outlets.moved") }),
                },
              )
            }
            error={fieldError(update.error, "outletId")}
            testId="channel-outlet-picker"
          />
        )}
        {canConnect && (
          <Group gap="xs">
            {!live && (
              <Button
                onClick={() => run("connect")}
                loading={action.isPending && action.variables === "connect"}
                data-testid="channel-connect"
              >
                {t("channels.connect")}
              </Button>
            )}
            {live && (
              <ConfirmButton
                variant="default"
                title={t("channels.disconnectTitle")}
                message={t("channels.disconnectConfirm")}
                confirmLabel={t("channels.disconnect")}
                onConfirm={() => run("disconnect")}
                data-testid="channel-disconnect"
              >
                {t("channels.disconnect")}
              </ConfirmButton>
            )}
            {channel.kind !== "cloud_api" && channel.status !== "logged_out" && (
              <ConfirmButton
                color="red"
                variant="light"
                title={t("channels.logoutTitle")}
                message={t("channels.logoutConfirm")}
                confirmLabel={t("channels.logout")}
                onConfirm={() => run("logout")}
                data-testid="channel-logout"
              >
                {t("channels.logout")}
              </ConfirmButton>
            )}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

/** The channel's send policy: the preset in use and, with `channels.manage`, the editor. */
function PacingPanel({ channel, canManage }: { channel: Channel; canManage: boolean }) {
  const { t } = useTranslation();
  const presets = usePacingPresets();
  const update = useUpdateChannel(channel.id);
  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" mb="xs">
        <Title order={4}>{t("pacing.title")}</Title>
        <Badge variant="light" data-testid="pacing-current">
          {presetLabel(t, channel.pacingPreset)}
        </Badge>
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        {t("pacing.intro")}
      </Text>
      {canManage ? (
        <QueryState query={presets}>
          {(list) => (
            <PacingEditor
              key={`${channel.pacingPreset}:${JSON.stringify(channel.pacing)}`}
              policy={channel.pacing}
              preset={channel.pacingPreset}
              kind={channel.kind}
              presets={list}
              saving={update.isPending}
              error={update.error}
              onSave={(change) =>
                update.mutate(change, {
                  onSuccess: () => notifications.show({ color: "teal", message: t("pacing.saved") }),
                })
              }
            />
          )}
        </QueryState>
      ) : (
        <Text size="sm">{presetLabel(t, channel.pacingPreset)}</Text>
      )}
    </Paper>
  );
}

/** Where Meta must send this channel's webhooks, and with which verify token. */
function CloudApiWebhook({ channelId }: { channelId: string }) {
  const { t } = useTranslation();
  return (
    <Alert color="blue" title={t("channels.cloud.webhookTitle")}>
      <Text size="sm" mb={4}>
        {t("channels.cloud.webhookText")}
      </Text>
      <Code block>{`${window.location.origin}/webhooks/cloud-api/${channelId}`}</Code>
    </Alert>
  );
}
