import { Alert, Button, Group, SimpleGrid, Stack, Switch, TextInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage, fieldError } from "../../api/client";
import { type TopupPack, useSaveTopup } from "../../api/platform";
import { checkTopup, type TopupDraft, topupDraft } from "./packageDraft";

/** Creates a top-up pack (`pack` null) or edits one: name, code, units, price in rupiah, active. */
export function TopupForm({ pack, onDone }: { pack: TopupPack | null; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSaveTopup();
  const [draft, setDraft] = useState<TopupDraft>(() => topupDraft(pack));
  const [shown, setShown] = useState(false);
  const checked = checkTopup(draft);
  const error = (field: keyof TopupDraft) => {
    const mine = shown ? checked.errors[field] : undefined;
    return mine ? t(`platform.form.errors.${mine}`) : fieldError(save.error, field);
  };
  const field = (name: "name" | "code" | "units" | "price", label: string) => (
    <TextInput
      label={label}
      inputMode={name === "units" || name === "price" ? "numeric" : undefined}
      value={draft[name]}
      onChange={(e) => setDraft({ ...draft, [name]: e.currentTarget.value })}
      error={error(name)}
      data-testid={`topup-${name}`}
    />
  );
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setShown(true);
        if (checked.input) save.mutate({ id: pack?.id ?? null, input: checked.input }, { onSuccess: onDone });
      }}
    >
      <Stack>
        <SimpleGrid cols={2}>
          {field("name", t("platform.form.name"))}
          {field("code", t("platform.form.code"))}
          {field("units", t("platform.topups.units"))}
          {field("price", t("platform.topups.price"))}
        </SimpleGrid>
        <Switch
          label={t("platform.form.active")}
          checked={draft.active}
          onChange={(e) => setDraft({ ...draft, active: e.currentTarget.checked })}
        />
        {save.error && !fieldError(save.error, "name", "code", "units", "price") && (
          <Alert color="red" role="alert">
            {errorMessage(save.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t("common.back")}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="topup-save">
            {t("platform.form.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
