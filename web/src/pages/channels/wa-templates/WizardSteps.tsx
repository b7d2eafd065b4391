import {
  ActionIcon,
  Button,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useTranslation } from "react-i18next";
import {
  CATEGORIES,
  type CtaButton,
  HEADER_TYPES,
  LANGUAGES,
  LIMITS,
  type Problem,
  SAMPLES,
  variablesOf,
  type WizardForm,
} from "./draft";

/** What each step edits: the form, a setter of some fields, and the problems shown (by field). */
export interface StepProps {
  form: WizardForm;
  set: (patch: Partial<WizardForm>) => void;
  error: (field: string) => string | undefined;
}

/** The catalogue text of a problem. */
export function useProblemText(): (p: Problem) => string {
  const { t } = useTranslation();
  return (p) => t(`channels.waWizard.problem.${p.key}`, { ...SAMPLES, ...p.values });
}

const count = (text: string, max: number) => `${text.length}/${max}`;

/** Step 1: name, language, category, variable format. */
export function NameStep({ form, set, error }: StepProps) {
  const { t } = useTranslation();
  return (
    <Stack>
      <TextInput
        label={t("channels.waWizard.name")}
        description={t("channels.waWizard.nameHint")}
        value={form.name}
        onChange={(e) => set({ name: e.currentTarget.value })}
        error={error("name")}
        data-testid="wa-wizard-name"
      />
      <Select
        label={t("channels.waWizard.language")}
        data={LANGUAGES.map((l) => ({ value: l, label: l }))}
        value={form.language}
        onChange={(v) => v && set({ language: v })}
        error={error("language")}
        allowDeselect={false}
      />
      <SegmentedControl
        data={CATEGORIES.map((c) => ({ value: c, label: t(`channels.waWizard.category.${c}`) }))}
        value={form.category}
        onChange={(v) => set({ category: v as WizardForm["category"] })}
      />
      <SegmentedControl
        data={[
          { value: "POSITIONAL", label: t("channels.waWizard.positional", SAMPLES) },
          { value: "NAMED", label: t("channels.waWizard.named", SAMPLES) },
        ]}
        value={form.parameterFormat}
        onChange={(v) => set({ parameterFormat: v as WizardForm["parameterFormat"] })}
      />
    </Stack>
  );
}

/** Step 2: header (none, text with at most one variable, or media with an example file). */
export function HeaderStep({ form, set, error }: StepProps) {
  const { t } = useTranslation();
  const variable = variablesOf(form.headerText)[0];
  return (
    <Stack>
      <SegmentedControl
        data={HEADER_TYPES.map((h) => ({ value: h, label: t(`channels.waWizard.headerType.${h}`) }))}
        value={form.headerType}
        onChange={(v) => set({ headerType: v as WizardForm["headerType"] })}
      />
      {form.headerType === "TEXT" && (
        <TextInput
          label={t("channels.waWizard.headerText")}
          description={count(form.headerText, LIMITS.headerText)}
          value={form.headerText}
          onChange={(e) => set({ headerText: e.currentTarget.value })}
          error={error("headerText")}
          data-testid="wa-wizard-header"
        />
      )}
      {((form.headerType === "TEXT" && variable) || !["NONE", "TEXT"].includes(form.headerType)) && (
        <TextInput
          label={
            form.headerType === "TEXT"
              ? t("channels.waWizard.exampleOf", { variable: `{{${variable}}}` })
              : t("channels.waWizard.mediaHandle")
          }
          value={form.headerExample}
          onChange={(e) => set({ headerExample: e.currentTarget.value })}
          error={error("headerExample")}
        />
      )}
    </Stack>
  );
}

/** Step 3: body and an example for each of its variables. */
export function BodyStep({ form, set, error }: StepProps) {
  const { t } = useTranslation();
  return (
    <Stack>
      <Textarea
        label={t("channels.waWizard.body")}
        description={`${t(form.parameterFormat === "NAMED" ? "channels.waWizard.bodyHintNamed" : "channels.waWizard.bodyHint", SAMPLES)} · ${count(form.body, LIMITS.body)}`}
        autosize
        minRows={4}
        value={form.body}
        onChange={(e) => set({ body: e.currentTarget.value })}
        error={error("body")}
        data-testid="wa-wizard-body"
      />
      {variablesOf(form.body).map((v) => (
        <TextInput
          key={v}
          label={t("channels.waWizard.exampleOf", { variable: `{{${v}}}` })}
          value={form.bodyExamples[v] ?? ""}
          onChange={(e) => set({ bodyExamples: { ...form.bodyExamples, [v]: e.currentTarget.value } })}
          error={error(`bodyExample.${v}`)}
          data-testid={`wa-wizard-example-${v}`}
        />
      ))}
    </Stack>
  );
}

/** Step 4: footer (optional). */
export function FooterStep({ form, set, error }: StepProps) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={t("channels.waWizard.footer")}
      description={count(form.footer, LIMITS.footer)}
      value={form.footer}
      onChange={(e) => set({ footer: e.currentTarget.value })}
      error={error("footer")}
      data-testid="wa-wizard-footer"
    />
  );
}

/** Step 5: buttons (up to 3 quick replies, or up to 2 calls to action). */
export function ButtonsStep({ form, set, error }: StepProps) {
  const { t } = useTranslation();
  const setCta = (i: number, patch: Partial<CtaButton>) =>
    set({ cta: form.cta.map((b, j) => (j === i ? { ...b, ...patch } : b)) });
  const max = form.buttonKind === "QUICK_REPLY" ? 3 : 2;
  const length = form.buttonKind === "QUICK_REPLY" ? form.quickReplies.length : form.cta.length;
  return (
    <Stack>
      <SegmentedControl
        data={(["NONE", "QUICK_REPLY", "CTA"] as const).map((k) => ({
          value: k,
          label: t(`channels.waWizard.buttonKind.${k}`),
        }))}
        value={form.buttonKind}
        onChange={(v) => set({ buttonKind: v as WizardForm["buttonKind"] })}
      />
      {error("buttons") && (
        <Text c="red" size="sm">
          {error("buttons")}
        </Text>
      )}
      {form.buttonKind === "QUICK_REPLY" &&
        form.quickReplies.map((text, i) => (
          <TextInput
            // biome-ignore lint/suspicious/noArrayIndexKey: buttons are edited in place, by position
            key={i}
            label={t("channels.waWizard.buttonText", { n: i + 1 })}
            value={text}
            onChange={(e) => {
              const value = e.currentTarget.value;
              set({ quickReplies: form.quickReplies.map((q, j) => (j === i ? value : q)) });
            }}
            error={error(`button.${i}.text`)}
            data-testid={`wa-wizard-button-${i}`}
          />
        ))}
      {form.buttonKind === "CTA" &&
        form.cta.map((b, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: buttons are edited in place, by position
          <Stack key={i} gap="xs">
            <Group>
              <SegmentedControl
                data={[
                  { value: "URL", label: t("channels.waWizard.url") },
                  { value: "PHONE_NUMBER", label: t("channels.waWizard.call") },
                ]}
                value={b.type}
                onChange={(v) => setCta(i, { type: v as CtaButton["type"] })}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t("channels.waWizard.removeButton")}
                onClick={() => set({ cta: form.cta.filter((_, j) => j !== i) })}
              >
                ×
              </ActionIcon>
            </Group>
            <TextInput
              label={t("channels.waWizard.buttonText", { n: i + 1 })}
              value={b.text}
              onChange={(e) => setCta(i, { text: e.currentTarget.value })}
              error={error(`button.${i}.text`)}
            />
            <TextInput
              label={t(
                b.type === "URL" ? "channels.waWizard.urlValue" : "channels.waWizard.phoneValue",
                SAMPLES,
              )}
              value={b.value}
              onChange={(e) => setCta(i, { value: e.currentTarget.value })}
              error={error(`button.${i}.value`)}
              data-testid={`wa-wizard-cta-${i}`}
            />
            {b.type === "URL" && b.value.endsWith("{{1}}") && (
              <TextInput
                label={t("channels.waWizard.urlExample")}
                value={b.example}
                onChange={(e) => setCta(i, { example: e.currentTarget.value })}
                error={error(`button.${i}.example`)}
              />
            )}
          </Stack>
        ))}
      {form.buttonKind !== "NONE" && length < max && (
        <Button
          variant="subtle"
          onClick={() =>
            form.buttonKind === "QUICK_REPLY"
              ? set({ quickReplies: [...form.quickReplies, ""] })
              : set({ cta: [...form.cta, { type: "URL", text: "", value: "", example: "" }] })
          }
        >
          {t("channels.waWizard.addButton")}
        </Button>
      )}
    </Stack>
  );
}
