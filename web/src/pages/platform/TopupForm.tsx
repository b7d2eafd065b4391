import { SimpleGrid, Switch, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { type TopupPack, useSaveTopup } from "../../api/platform";
import { DraftForm, useDraft } from "./DraftForm";
import { checkTopup, topupDraft } from "./packageDraft";

/** Creates a top-up pack (`pack` null) or edits one: name, code, units, price in rupiah, active. */
export function TopupForm({ pack, onDone }: { pack: TopupPack | null; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSaveTopup();
  const { draft, set, error, submit } = useDraft(
    () => topupDraft(pack),
    checkTopup,
    save,
    pack?.id ?? null,
    onDone,
  );
  const field = (name: "name" | "code" | "units" | "price", label: string) => (
    <TextInput
      label={label}
      inputMode={name === "units" || name === "price" ? "numeric" : undefined}
      value={draft[name]}
      onChange={(e) => set({ [name]: e.currentTarget.value })}
      error={error(name)}
      data-testid={`topup-${name}`}
    />
  );
  return (
    <DraftForm
      onSubmit={submit}
      onDone={onDone}
      save={save}
      fields={["name", "code", "units", "price"]}
      testId="topup-save"
    >
      <SimpleGrid cols={2}>
        {field("name", t("platform.form.name"))}
        {field("code", t("platform.form.code"))}
        {field("units", t("platform.topups.units"))}
        {field("price", t("platform.topups.price"))}
      </SimpleGrid>
      <Switch
        label={t("platform.form.active")}
        checked={draft.active}
        onChange={(e) => set({ active: e.currentTarget.checked })}
      />
    </DraftForm>
  );
}
