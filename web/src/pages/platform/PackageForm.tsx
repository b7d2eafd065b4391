import { Checkbox, Group, SimpleGrid, Stack, Switch, Text, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { type PlatformPackage, useSavePackage } from "../../api/platform";
import { SHOP_MODULES } from "../settings/ModulesCard";
import { DraftForm, useDraft } from "./DraftForm";
import { checkPackage, LIMIT_FIELDS, packageDraft } from "./packageDraft";

/**
 * Creates a package (`pkg` null) or edits one: name, code, prices in rupiah, the message
 * quota and the numbers / staff / contacts limits (each a whole number or "unlimited"),
 * the modules it includes, whether agents' replies use units, active, sort and — for the
 * trial package — its days. Checked here first, then by the server (its field errors show
 * under the field). Calls `onDone` once saved.
 */
export function PackageForm({ pkg, onDone }: { pkg: PlatformPackage | null; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSavePackage();
  const { draft, set, error, submit } = useDraft(
    () => packageDraft(pkg, SHOP_MODULES),
    checkPackage,
    save,
    pkg?.id ?? null,
    onDone,
  );
  const numberField = (field: "priceMonthly" | "priceYearly" | "sort" | "trialDays", label: string) => (
    <TextInput
      label={label}
      inputMode="numeric"
      value={draft[field]}
      onChange={(e) => set({ [field]: e.currentTarget.value })}
      error={error(field)}
      data-testid={`package-${field}`}
    />
  );
  const modulesError = error("modules");
  return (
    <DraftForm
      onSubmit={submit}
      onDone={onDone}
      save={save}
      fields={Object.keys(draft)}
      testId="package-save"
    >
      <SimpleGrid cols={2}>
        <TextInput
          label={t("platform.form.name")}
          value={draft.name}
          onChange={(e) => set({ name: e.currentTarget.value })}
          error={error("name")}
          data-testid="package-name"
        />
        <TextInput
          label={t("platform.form.code")}
          description={t("platform.form.codeHint")}
          value={draft.code}
          onChange={(e) => set({ code: e.currentTarget.value })}
          error={error("code")}
          data-testid="package-code"
        />
        {numberField("priceMonthly", t("platform.form.priceMonthly"))}
        {numberField("priceYearly", t("platform.form.priceYearly"))}
      </SimpleGrid>
      <SimpleGrid cols={2}>
        {LIMIT_FIELDS.map((field) => (
          <Stack key={field} gap={4}>
            <TextInput
              label={t(`platform.form.${field}`)}
              inputMode="numeric"
              value={draft.unlimited[field] ? "" : draft[field]}
              disabled={draft.unlimited[field]}
              placeholder={draft.unlimited[field] ? t("platform.unlimited") : undefined}
              onChange={(e) => set({ [field]: e.currentTarget.value })}
              error={error(field)}
              data-testid={`package-${field}`}
            />
            <Checkbox
              size="xs"
              label={t("platform.unlimited")}
              checked={draft.unlimited[field]}
              onChange={(e) => set({ unlimited: { ...draft.unlimited, [field]: e.currentTarget.checked } })}
              data-testid={`package-${field}-unlimited`}
            />
          </Stack>
        ))}
      </SimpleGrid>
      <div>
        <Text size="sm" fw={500} mb={4}>
          {t("platform.form.modules")}
        </Text>
        <Group gap="md">
          {SHOP_MODULES.map((m) => (
            <Checkbox
              key={m}
              label={t(`settings.modules.name.${m}`)}
              checked={draft.modules.includes(m)}
              onChange={(e) =>
                set({
                  modules: e.currentTarget.checked
                    ? SHOP_MODULES.filter((x) => x === m || draft.modules.includes(x))
                    : draft.modules.filter((x) => x !== m),
                })
              }
              data-testid={`package-module-${m}`}
            />
          ))}
        </Group>
        {modulesError && (
          <Text size="xs" c="red" mt={4} data-testid="package-modules-error">
            {modulesError}
          </Text>
        )}
      </div>
      <Switch
        label={t("platform.form.countsAgentReplies")}
        description={t("platform.form.countsAgentRepliesHint")}
        checked={draft.countsAgentReplies}
        onChange={(e) => set({ countsAgentReplies: e.currentTarget.checked })}
      />
      <Switch
        label={t("platform.form.active")}
        description={t("platform.form.activeHint")}
        checked={draft.active}
        onChange={(e) => set({ active: e.currentTarget.checked })}
        data-testid="package-active"
      />
      <SimpleGrid cols={2}>
        {numberField("sort", t("platform.form.sort"))}
        {draft.isTrial && numberField("trialDays", t("platform.form.trialDays"))}
      </SimpleGrid>
    </DraftForm>
  );
}
