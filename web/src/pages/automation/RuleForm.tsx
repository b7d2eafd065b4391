import {
  Fieldset,
  Group,
  NumberInput,
  RangeSlider,
  Select,
  Slider,
  Stack,
  Switch,
  Text,
  TextInput,
  Textarea,
} from "@mantine/core";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { AUTO_REPLY_TYPES, type AutoReplyType } from "../../api/automation";
import { fieldError } from "../../api/client";
import { useAttributeKeys } from "../../api/contacts";
import type { Channel } from "../../api/types";
import { attributeVariables, insertAt } from "../templates/editing";
import { VariablePicker } from "../templates/VariablePicker";
import { KeywordEditor } from "./KeywordEditor";
import { COOLDOWN_UNITS, cooldownUnitOf, type CooldownUnit, type RuleDraft } from "./ruleDraft";
import { WelcomeEditor } from "./WelcomeEditor";
import { WorkingHoursEditor } from "./WorkingHoursEditor";

interface Props {
  draft: RuleDraft;
  onChange: (next: RuleDraft) => void;
  channels: Channel[];
  /** The last save's error: its field problems show under their fields. */
  error: unknown;
  /** A new rule may still choose its type; a stored one keeps it. */
  isNew: boolean;
  /** Agents see the rule but change nothing. */
  readOnly: boolean;
}

/** Every setting of a rule: the common ones and its type's (keywords, welcome, working hours). */
export function RuleForm({ draft, onChange, channels, error, isNew, readOnly }: Props) {
  const { t } = useTranslation();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const attributeKeys = useAttributeKeys();
  const attributes = attributeVariables(
    (attributeKeys.data ?? []).map((a) => ({ attributes: { [a.key]: "" } })),
  );
  const [unit, setUnit] = useState<CooldownUnit>(cooldownUnitOf(draft.cooldownSeconds));
  const set = <K extends keyof RuleDraft>(key: K, value: RuleDraft[K]) =>
    onChange({ ...draft, [key]: value });
  const err = (...fields: string[]) => fieldError(error, ...fields);
  const insert = (markup: string) => {
    const el = textarea.current;
    const next = insertAt(
      draft.reply,
      el?.selectionStart ?? draft.reply.length,
      el?.selectionEnd ?? draft.reply.length,
      markup,
    );
    set("reply", next.text);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(next.caret, next.caret);
    });
  };

  return (
    <Fieldset variant="unstyled" disabled={readOnly} data-testid="rule-form">
      <Stack gap="md">
        <TextInput
          label={t("automation.form.name")}
          required
          value={draft.name}
          onChange={(e) => set("name", e.currentTarget.value)}
          error={err("name")}
          data-testid="rule-name"
        />
        <Group grow align="flex-start" wrap="wrap">
          <Select
            label={t("automation.form.type")}
            data={AUTO_REPLY_TYPES.map((type) => ({ value: type, label: t(`automation.types.${type}`) }))}
            value={draft.type}
            onChange={(v) => v && set("type", v as AutoReplyType)}
            disabled={!isNew || readOnly}
            allowDeselect={false}
            description={t(`automation.typeHints.${draft.type}`)}
            error={err("type")}
            miw={200}
            data-testid="rule-type"
          />
          <Select
            label={t("automation.form.channel")}
            data={[
              { value: "", label: t("automation.allChannels") },
              ...channels.map((c) => ({ value: c.id, label: c.name })),
            ]}
            value={draft.channelId ?? ""}
            onChange={(v) => set("channelId", v ? v : null)}
            allowDeselect={false}
            error={err("channelId")}
            miw={200}
            data-testid="rule-channel"
          />
        </Group>

        {draft.type === "keyword" && (
          <KeywordEditor value={draft.keyword} onChange={(v) => set("keyword", v)} error={(f) => err(f)} />
        )}
        {draft.type === "welcome" && (
          <WelcomeEditor value={draft.welcome} onChange={(v) => set("welcome", v)} error={(f) => err(f)} />
        )}
        {draft.type === "outside_hours" && (
          <WorkingHoursEditor value={draft.hours} onChange={(v) => set("hours", v)} error={(f) => err(f)} />
        )}

        {!readOnly && <VariablePicker attributes={attributes} onInsert={insert} />}
        <Textarea
          ref={textarea}
          label={t("automation.form.reply")}
          required
          autosize
          minRows={4}
          value={draft.reply}
          onChange={(e) => set("reply", e.currentTarget.value)}
          placeholder={t("automation.form.replyPlaceholder", { name: "{{name}}" })}
          error={err("reply")}
          data-testid="rule-reply"
        />

        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t("automation.form.priority")}: <span data-testid="rule-priority-value">{draft.priority}</span>
          </Text>
          <Slider
            min={0}
            max={100}
            value={draft.priority}
            onChange={(v) => set("priority", v)}
            disabled={readOnly}
            label={(v) => v}
            aria-label={t("automation.form.priority")}
            data-testid="rule-priority"
          />
          <Text size="xs" c={err("priority") ? "red" : "dimmed"}>
            {err("priority") ?? t("automation.form.priorityHint")}
          </Text>
        </Stack>

        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t("automation.form.delay", { min: draft.delay[0], max: draft.delay[1] })}
          </Text>
          <RangeSlider
            min={1}
            max={60}
            minRange={0}
            value={draft.delay}
            onChange={(v) => set("delay", v)}
            disabled={readOnly}
            label={(v) => t("automation.seconds", { n: v })}
            thumbFromLabel={t("automation.form.delayMin")}
            thumbToLabel={t("automation.form.delayMax")}
            data-testid="rule-delay"
          />
          <Text size="xs" c={err("delayMinSeconds", "delayMaxSeconds") ? "red" : "dimmed"}>
            {err("delayMinSeconds", "delayMaxSeconds") ?? t("automation.form.delayHint")}
          </Text>
        </Stack>

        <Group gap="xs" align="flex-end">
          <NumberInput
            label={t("automation.form.cooldown")}
            description={t("automation.form.cooldownHint")}
            min={0}
            allowDecimal={false}
            w={220}
            value={draft.cooldownSeconds / COOLDOWN_UNITS[unit]}
            onChange={(v) =>
              set("cooldownSeconds", Math.max(0, Math.round((Number(v) || 0) * COOLDOWN_UNITS[unit])))
            }
            error={err("cooldownSeconds")}
            data-testid="rule-cooldown"
          />
          <Select
            w={120}
            aria-label={t("automation.form.cooldownUnit")}
            data={(Object.keys(COOLDOWN_UNITS) as CooldownUnit[]).map((u) => ({
              value: u,
              label: t(`automation.units.${u}`),
            }))}
            value={unit}
            allowDeselect={false}
            onChange={(u) => {
              if (!u) return;
              const next = u as CooldownUnit;
              set(
                "cooldownSeconds",
                Math.round((draft.cooldownSeconds / COOLDOWN_UNITS[unit]) * COOLDOWN_UNITS[next]),
              );
              setUnit(next);
            }}
          />
        </Group>

        <Switch
          label={t("automation.form.enabled")}
          checked={draft.enabled}
          onChange={(e) => set("enabled", e.currentTarget.checked)}
          data-testid="rule-enabled"
        />
      </Stack>
    </Fieldset>
  );
}
