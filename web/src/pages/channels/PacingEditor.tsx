import {
  Alert,
  Button,
  Group,
  NumberInput,
  Radio,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
} from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage, fieldError } from "../../api/client";
import type { ChannelKind, PacingPolicy, PacingPreset, PacingPresetName } from "../../api/types";
import { PACING_PRESET_NAMES } from "../../api/types";
import { decimalSeparator } from "../../lib/time";
import { matchingPreset, pacingChange, pacingProblems, toMs, toSeconds } from "./pacing";

interface Props {
  /** The channel's current policy and preset name (`custom` when none). */
  policy: PacingPolicy;
  preset: string;
  kind: ChannelKind;
  presets: readonly PacingPreset[];
  saving?: boolean;
  /** The server's answer to the last save (field errors are shown on the fields). */
  error?: unknown;
  onSave: (change: { pacingPreset: PacingPresetName } | { pacing: PacingPolicy }) => void;
}

const num = (v: string | number): number => (typeof v === "number" ? v : Number(v.replace(",", ".")) || 0);

/**
 * The send policy of a channel: a preset (each explained, with the risk of the fast ones on
 * a real number) or every setting by hand. Editing a setting makes the policy custom.
 */
export function PacingEditor({ policy, preset, kind, presets, saving, error, onSave }: Props) {
  const { t, i18n } = useTranslation();
  // Seconds as the preset texts write them: "0,5 detik" in Bahasa Indonesia, "0.5 s" in English.
  const seconds = {
    suffix: ` ${t("pacing.secondsUnit")}`,
    decimalSeparator: decimalSeparator(i18n.language),
  };
  const [draft, setDraft] = useState<PacingPolicy>(policy);
  const chosen = matchingPreset(draft, presets) ?? "custom";
  const problems = pacingProblems(draft);
  const changed =
    JSON.stringify(draft) !== JSON.stringify(policy) || (chosen === "custom") !== (preset === "custom");
  const problemOf = (field: string): string | undefined => {
    const local = problems.find((p) => p.field === field);
    return local ? t(local.key) : fieldError(error, `pacing.${field}`);
  };
  const set = (patch: Partial<PacingPolicy>) => setDraft((d) => ({ ...d, ...patch }));
  const generalError =
    error && !Object.keys((error as { fields?: object }).fields ?? {}).length ? errorMessage(error) : null;
  const risky = kind !== "sandbox" && presets.find((p) => p.name === chosen)?.sandboxOnly;

  return (
    <Stack data-testid="pacing-editor">
      <Radio.Group
        label={t("pacing.choose")}
        value={chosen}
        onChange={(name) => {
          const p = presets.find((x) => x.name === name);
          if (p) setDraft(p.policy);
        }}
      >
        <Stack gap="sm" mt="xs">
          {PACING_PRESET_NAMES.map((name) =>
            presets.some((p) => p.name === name) ? (
              <Radio
                key={name}
                value={name}
                label={t(`pacing.presets.${name}.label`)}
                description={t(`pacing.presets.${name}.description`)}
                data-testid={`pacing-preset-${name}`}
              />
            ) : null,
          )}
          <Radio
            value="custom"
            label={t("pacing.custom")}
            description={t("pacing.customHint")}
            disabled={chosen !== "custom"}
            data-testid="pacing-preset-custom"
          />
        </Stack>
      </Radio.Group>
      {risky && (
        <Alert color="red" role="alert" data-testid="pacing-risk">
          {t("pacing.riskReal")}
        </Alert>
      )}
      {generalError && (
        <Alert color="red" role="alert">
          {generalError}
        </Alert>
      )}
      <Text fw={500} size="sm">
        {t("pacing.settings")}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NumberInput
          label={t("pacing.minDelay")}
          {...seconds}
          min={0}
          max={3600}
          decimalScale={1}
          value={toSeconds(draft.minDelayMs)}
          onChange={(v) => set({ minDelayMs: toMs(num(v)) })}
          error={problemOf("minDelayMs")}
        />
        <NumberInput
          label={t("pacing.maxDelay")}
          {...seconds}
          min={0}
          max={3600}
          decimalScale={1}
          value={toSeconds(draft.maxDelayMs)}
          onChange={(v) => set({ maxDelayMs: toMs(num(v)) })}
          error={problemOf("maxDelayMs")}
        />
        <NumberInput
          label={t("pacing.perMinute")}
          description={t("pacing.zeroNoCap")}
          min={0}
          allowDecimal={false}
          value={draft.perMinute}
          onChange={(v) => set({ perMinute: num(v) })}
          error={problemOf("perMinute")}
        />
        <NumberInput
          label={t("pacing.perHour")}
          description={t("pacing.zeroNoCap")}
          min={0}
          allowDecimal={false}
          value={draft.perHour}
          onChange={(v) => set({ perHour: num(v) })}
          error={problemOf("perHour")}
        />
        <NumberInput
          label={t("pacing.perDay")}
          description={t("pacing.zeroNoCap")}
          min={0}
          allowDecimal={false}
          value={draft.perDay}
          onChange={(v) => set({ perDay: num(v) })}
          error={problemOf("perDay")}
          data-testid="pacing-per-day"
        />
        <NumberInput
          label={t("pacing.pauseAfter")}
          description={t("pacing.zeroNever")}
          min={0}
          allowDecimal={false}
          value={draft.pauseAfterConsecutiveFailures}
          onChange={(v) => set({ pauseAfterConsecutiveFailures: num(v) })}
          error={problemOf("pauseAfterConsecutiveFailures")}
        />
      </SimpleGrid>
      <Switch
        label={t("pacing.warmup")}
        description={t("pacing.warmupHint")}
        checked={draft.warmup.enabled}
        onChange={(e) => set({ warmup: { ...draft.warmup, enabled: e.currentTarget.checked } })}
      />
      {draft.warmup.enabled && (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            label={t("pacing.firstDay")}
            min={1}
            allowDecimal={false}
            value={draft.warmup.firstDay}
            onChange={(v) => set({ warmup: { ...draft.warmup, firstDay: Math.max(1, num(v)) } })}
          />
          <NumberInput
            label={t("pacing.growth")}
            prefix="× "
            min={1}
            max={10}
            decimalScale={2}
            step={0.1}
            value={draft.warmup.growth}
            onChange={(v) => set({ warmup: { ...draft.warmup, growth: Math.min(10, Math.max(1, num(v))) } })}
          />
        </SimpleGrid>
      )}
      <Switch
        label={t("pacing.quietHours")}
        description={t("pacing.quietHoursHint")}
        checked={draft.quietHours.enabled}
        onChange={(e) => set({ quietHours: { ...draft.quietHours, enabled: e.currentTarget.checked } })}
      />
      {draft.quietHours.enabled && (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            placeholder="21:00"
            maxLength={5}
            label={t("pacing.quietFrom")}
            value={draft.quietHours.start}
            onChange={(e) => set({ quietHours: { ...draft.quietHours, start: e.currentTarget.value } })}
            error={problemOf("quietHours.start")}
          />
          <TextInput
            placeholder="08:00"
            maxLength={5}
            label={t("pacing.quietUntil")}
            value={draft.quietHours.end}
            onChange={(e) => set({ quietHours: { ...draft.quietHours, end: e.currentTarget.value } })}
            error={problemOf("quietHours.end")}
          />
        </SimpleGrid>
      )}
      <Switch
        label={t("pacing.typing")}
        description={t("pacing.typingHint")}
        checked={draft.typing}
        onChange={(e) => set({ typing: e.currentTarget.checked })}
      />
      {draft.typing && (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            label={t("pacing.typingMin")}
            {...seconds}
            min={0}
            decimalScale={1}
            value={toSeconds(draft.typingMs.min)}
            onChange={(v) => set({ typingMs: { ...draft.typingMs, min: toMs(num(v)) } })}
            error={problemOf("typingMs.min")}
          />
          <NumberInput
            label={t("pacing.typingMax")}
            {...seconds}
            min={0}
            decimalScale={1}
            value={toSeconds(draft.typingMs.max)}
            onChange={(v) => set({ typingMs: { ...draft.typingMs, max: toMs(num(v)) } })}
            error={problemOf("typingMs.max")}
          />
        </SimpleGrid>
      )}
      <Switch
        label={t("pacing.precheck")}
        description={t("pacing.precheckHint")}
        checked={draft.precheckNumbers}
        onChange={(e) => set({ precheckNumbers: e.currentTarget.checked })}
      />
      <NumberInput
        label={t("pacing.concurrency")}
        description={t("pacing.concurrencyHint")}
        min={1}
        max={100}
        allowDecimal={false}
        value={draft.concurrency}
        onChange={(v) => set({ concurrency: Math.max(1, num(v)) })}
        error={problemOf("concurrency")}
        maw={320}
      />
      <Group justify="flex-end">
        <Button variant="default" onClick={() => setDraft(policy)} disabled={!changed || saving}>
          {t("pacing.reset")}
        </Button>
        <Button
          onClick={() => onSave(pacingChange(draft, presets))}
          disabled={!changed || problems.length > 0}
          loading={saving}
          data-testid="pacing-save"
        >
          {t("pacing.save")}
        </Button>
      </Group>
    </Stack>
  );
}
