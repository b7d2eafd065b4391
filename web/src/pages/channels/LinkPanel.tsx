import {
  Alert,
  Anchor,
  Box,
  Button,
  Center,
  Code,
  Group,
  Loader,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { QRCodeSVG } from "qrcode.react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useChannelAction, useChannelLink, usePairingCode, useSimulateScan } from "../../api/channels";
import { errorMessage, fieldError } from "../../api/client";
import type { Channel } from "../../api/types";

/** Statuses in which the channel needs linking (or re-linking) before it can send. */
const UNLINKED = ["qr", "disconnected", "logged_out", "replaced"] as const;

/** Whether a channel should show the linking panel. */
export function needsLink(channel: Channel): boolean {
  return channel.kind !== "cloud_api" && (UNLINKED as readonly string[]).includes(channel.status);
}

/**
 * Linking a number: the QR as WhatsApp shows it (a new one replaces it every ~20 s, pushed
 * live), the steps on the phone, and for WhatsApp Web the pairing code instead. A sandbox
 * channel's QR is "scanned" by the simulated phone.
 */
export function LinkPanel({ channel, canConnect }: { channel: Channel; canConnect: boolean }) {
  const { t } = useTranslation();
  const link = useChannelLink(channel.id, canConnect);
  const action = useChannelAction(channel.id);
  const scan = useSimulateScan(channel.id);
  const showing = channel.status === "qr";
  return (
    <Paper withBorder radius="md" p="md" data-testid="link-panel">
      <Title order={4} mb="sm">
        {t("channels.link.title")}
      </Title>
      {!showing && (
        <Stack gap="sm" align="flex-start">
          <Text size="sm">
            {t(channel.status === "disconnected" ? "channels.link.disconnected" : "channels.link.unlinked")}
          </Text>
          {canConnect && (
            <Button
              onClick={() => action.mutate("connect")}
              loading={action.isPending}
              data-testid="link-start"
            >
              {t("channels.link.start")}
            </Button>
          )}
          {action.isError && <Alert color="red">{errorMessage(action.error)}</Alert>}
        </Stack>
      )}
      {showing && (
        <Group align="flex-start" gap="xl" wrap="wrap">
          <Box>
            {link?.kind === "qr" ? (
              <Box
                p="sm"
                bg="white"
                style={{
                  border: "1px solid var(--mantine-color-gray-3)",
                  borderRadius: 8,
                  display: "inline-block",
                }}
                data-testid="channel-qr"
                data-qr={link.value}
              >
                <QRCodeSVG value={link.value} size={224} marginSize={2} title={t("channels.link.qrAlt")} />
              </Box>
            ) : link?.kind === "code" ? (
              <Stack gap={4} data-testid="pairing-code-box">
                <Text size="sm">{t("channels.link.codeIntro")}</Text>
                <Code fz={28} p="md" data-testid="pairing-code">
                  {link.value.replace(/^(.{4})(.{4})$/, "$1-$2")}
                </Code>
              </Stack>
            ) : (
              <Center
                w={240}
                h={240}
                style={{ border: "1px dashed var(--mantine-color-gray-4)", borderRadius: 8 }}
              >
                <Stack align="center" gap="xs">
                  <Loader size="sm" />
                  <Text size="xs" c="dimmed" ta="center" maw={180}>
                    {t("channels.link.waiting")}
                  </Text>
                </Stack>
              </Center>
            )}
          </Box>
          <Stack gap="sm" maw={420} style={{ flex: 1, minWidth: 240 }}>
            {channel.kind === "sandbox" ? <SandboxSteps /> : <PhoneSteps />}
            {channel.kind === "sandbox" && canConnect && (
              <Group>
                <Button
                  color="teal"
                  onClick={() => scan.mutate()}
                  loading={scan.isPending}
                  data-testid="simulate-scan"
                >
                  {t("channels.link.simulateScan")}
                </Button>
              </Group>
            )}
            {scan.data?.scanned === false && <Alert color="yellow">{t("channels.link.scanMissed")}</Alert>}
            {scan.isError && <Alert color="red">{errorMessage(scan.error)}</Alert>}
            {channel.kind === "whatsapp_web" && canConnect && <PairingCodeForm channelId={channel.id} />}
          </Stack>
        </Group>
      )}
    </Paper>
  );
}

function SandboxSteps() {
  const { t } = useTranslation();
  return (
    <>
      <Text size="sm">{t("channels.link.sandboxIntro")}</Text>
      <Text size="sm" c="dimmed">
        {t("channels.link.sandboxPhones")}{" "}
        <Anchor component={Link} to="/sandbox" size="sm">
          {t("nav.sandbox")}
        </Anchor>
      </Text>
    </>
  );
}

function PhoneSteps() {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {t("channels.link.stepsTitle")}
      </Text>
      <Text size="sm" component="ol" pl="md" m={0}>
        <li>{t("channels.link.step1")}</li>
        <li>{t("channels.link.step2")}</li>
        <li>{t("channels.link.step3")}</li>
      </Text>
      <Text size="xs" c="dimmed">
        {t("channels.link.rotates")}
      </Text>
    </Stack>
  );
}

/** WhatsApp Web without a camera: WhatsApp sends the phone a notification, the owner types the code. */
function PairingCodeForm({ channelId }: { channelId: string }) {
  const { t } = useTranslation();
  const pairing = usePairingCode(channelId);
  const [phone, setPhone] = useState("");
  const err = pairing.error;
  return (
    <Stack gap="xs" mt="sm">
      <Text size="sm" fw={500}>
        {t("channels.link.pairTitle")}
      </Text>
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <TextInput
          label={t("channels.link.pairPhone")}
          placeholder="0812-3456-7890"
          value={phone}
          onChange={(e) => setPhone(e.currentTarget.value)}
          error={fieldError(err, "phone")}
          style={{ flex: 1 }}
        />
        <Button
          variant="light"
          onClick={() => pairing.mutate(phone)}
          loading={pairing.isPending}
          disabled={!phone.trim()}
        >
          {t("channels.link.pairGet")}
        </Button>
      </Group>
      {err && !fieldError(err, "phone") && <Alert color="red">{errorMessage(err)}</Alert>}
      <Text size="xs" c="dimmed">
        {t("channels.link.pairHint")}
      </Text>
    </Stack>
  );
}
