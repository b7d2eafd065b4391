import { Alert, Button, Group, Stack } from "@mantine/core";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage, fieldError } from "../../api/client";
import type { Checked } from "./packageDraft";

/** The console's save of a catalogue item: create (`id` null) or edit; `useSavePackage`, `useSaveTopup`. */
interface Save<I> {
  mutate: (vars: { id: string | null; input: I }, opts: { onSuccess: () => void }) => void;
  error: Error | null;
  isPending: boolean;
}

/**
 * The state of a console form over a draft `D` (the fields as typed) that `check` turns into
 * the input `I` to send (the package and the top-up pack forms): `set` patches the draft;
 * `error(field)` is the browser's problem once the form was submitted, else the server's
 * field error; `submit` shows the problems, or saves (`id` null creates) and calls `onDone`.
 */
export function useDraft<D, I>(
  initial: () => D,
  check: (d: D) => Checked<D, I>,
  save: Save<I>,
  id: string | null,
  onDone: () => void,
) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<D>(initial);
  const [shown, setShown] = useState(false);
  const checked = check(draft);
  return {
    draft,
    set: (patch: Partial<D>) => setDraft({ ...draft, ...patch }),
    error: (field: keyof D & string) => {
      const mine = shown ? checked.errors[field] : undefined;
      return mine ? t(`platform.form.errors.${mine}`) : fieldError(save.error, field);
    },
    submit: () => {
      setShown(true);
      if (checked.input) save.mutate({ id, input: checked.input }, { onSuccess: onDone });
    },
  };
}

/**
 * A console form's frame: `children` (the fields), the server's error when it names none of
 * `fields` (those show under their field), then back and save (`testId` on save).
 */
export function DraftForm({
  onSubmit,
  onDone,
  save,
  fields,
  testId,
  children,
}: {
  onSubmit: () => void;
  onDone: () => void;
  save: Pick<Save<unknown>, "error" | "isPending">;
  fields: string[];
  testId: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <Stack>
        {children}
        {save.error && !fieldError(save.error, ...fields) && (
          <Alert color="red" role="alert">
            {errorMessage(save.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t("common.back")}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid={testId}>
            {t("platform.form.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
