import {
  Alert,
  Button,
  Group,
  Modal,
  PasswordInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { OutletPicker } from "../../components/OutletPicker";
import { useState, type ChangeEvent } from "react";
import { useTranslation } from "react-i18next";
import { useCreateChannel, type NewChannel } from "../../api/channels";
import { errorMessage, fieldError } from "../../api/client";
import { LimitReachedLink } from "../billing/LimitReached";
import {
  CHANNEL_KINDS,
  PACING_PRESET_NAMES,
  type Channel,
  type ChannelKind,
  type PacingPresetName,
} from "../../api/types";

interface Props {
  opened: boolean;
  onClose: () => void;
  /** The channel was added (the server is already connecting it). */
  onCreated: (channel: Channel) => void;
}

const EMPTY_CLOUD = {
  phoneNumberId: "",
  wabaId: "",
  accessToken: "",
  appSecret: "",
  verifyToken: "",
  phone: "",
};

/**
 * What the owner picks: a kind, or `cloud_sandbox`: a sandbox Cloud API number (a `cloud_api`
 * channel on the sandbox's simulated Graph, created with `cloudApi: { sandbox: true }`).
 */
type Choice = ChannelKind | "cloud_sandbox";
const CHOICES: readonly Choice[] = [...CHANNEL_KINDS.slice(0, 1), "cloud_sandbox", ...CHANNEL_KINDS.slice(1)];

/**
 * Adds a sandbox, sandbox Cloud API, WhatsApp Web or Cloud API number; what each kind needs
 * is asked for and explained.
 */
export function AddChannelModal({ opened, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const create = useCreateChannel();
  const [kind, setKind] = useState<Choice>("sandbox");
  const simulated = kind === "sandbox" || kind === "cloud_sandbox";
  const [name, setName] = useState("");
  const [preset, setPreset] = useState<PacingPresetName | null>(null);
  const [outletId, setOutletId] = useState<string | null>(null);
  const [cloud, setCloud] = useState(EMPTY_CLOUD);
  const err = create.error;
  const generalError =
    err && !Object.keys((err as { fields?: object }).fields ?? {}).length ? errorMessage(err) : null;
  const cloudField = (key: keyof typeof EMPTY_CLOUD) => ({
    value: cloud[key],
    onChange: (e: ChangeEvent<HTMLInputElement>) => setCloud({ ...cloud, [key]: e.currentTarget.value }),
    error:
      fieldError(err, `cloudApi.${key}`) ?? (key === "accessToken" ? fieldError(err, "cloudApi") : undefined),
  });
  const close = () => {
    create.reset();
    onClose();
  };
  const submit = () => {
    const input: NewChannel = {
      name: name.trim(),
      kind: kind === "cloud_sandbox" ? "cloud_api" : kind,
      ...(preset ? { pacingPreset: preset } : {}),
      ...(outletId ? { outletId } : {}),
    };
    if (kind === "cloud_sandbox") input.cloudApi = { sandbox: true };
    if (kind === "cloud_api") {
      const { phone, ...rest } = cloud;
      input.cloudApi = { ...rest, ...(phone.trim() ? { phone } : {}) };
    }
    create.mutate(input, {
      onSuccess: (c) => {
        setName("");
        setCloud(EMPTY_CLOUD);
        create.reset();
        onCreated(c);
      },
    });
  };
  return (
    <Modal opened={opened} onClose={close} title={t("channels.add")} size="lg" centered>
      <Stack>
        {generalError && (
          <Alert color="red" role="alert">
            {generalError}
            <LimitReachedLink error={err} />
          </Alert>
        )}
        <SegmentedControl
          fullWidth
          value={kind}
          onChange={(v) => setKind(v as Choice)}
          data={CHOICES.map((k) => ({ value: k, label: t(`channels.kind.${k}`) }))}
          data-testid="channel-kind"
        />
        <Text size="sm" c="dimmed">
          {t(`channels.kindHint.${kind}`)}
        </Text>
        <TextInput
          label={t("channels.name")}
          placeholder={t("channels.namePlaceholder")}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={fieldError(err, "name")}
          data-autofocus
        />
        <OutletPicker value={outletId} onChange={setOutletId} error={fieldError(err, "outletId")} />
        <Select
          label={t("pacing.title")}
          placeholder={t(simulated ? "channels.presetDefaultSandbox" : "channels.presetDefault")}
          clearable
          value={preset}
          onChange={(v) => setPreset(v as PacingPresetName | null)}
          data={PACING_PRESET_NAMES.filter((p) => simulated || (p !== "demo" && p !== "off")).map((p) => ({
            value: p,
            label: t(`pacing.presets.${p}.label`),
          }))}
          error={fieldError(err, "pacingPreset")}
        />
        {kind === "cloud_api" && (
          <>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t("channels.cloud.phoneNumberId")}
                required
                {...cloudField("phoneNumberId")}
              />
              <TextInput label={t("channels.cloud.wabaId")} required {...cloudField("wabaId")} />
            </SimpleGrid>
            <PasswordInput
              label={t("channels.cloud.accessToken")}
              description={t("channels.cloud.accessTokenHint")}
              required
              {...cloudField("accessToken")}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <PasswordInput label={t("channels.cloud.appSecret")} required {...cloudField("appSecret")} />
              <TextInput
                label={t("channels.cloud.verifyToken")}
                description={t("channels.cloud.verifyTokenHint")}
                required
                {...cloudField("verifyToken")}
              />
            </SimpleGrid>
            <TextInput
              label={t("channels.cloud.phone")}
              placeholder="0812-3456-7890"
              {...cloudField("phone")}
            />
            <Text size="xs" c="dimmed">
              {t("channels.cloud.sealed")}
            </Text>
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t("common.back")}
          </Button>
          <Button onClick={submit} loading={create.isPending} data-testid="channel-create">
            {t("channels.create")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
