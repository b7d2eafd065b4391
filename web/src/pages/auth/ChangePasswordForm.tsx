import { Alert, Button, PasswordInput, Stack } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import { useChangePassword } from "../../api/session";

/** The least length of a password, as the API checks it (src/modules/users/schemas.ts). */
const MIN_LENGTH = 8;

/**
 * Current password, new password twice; sends POST /auth/password (the user's other
 * sessions end, this one stays). `onDone` runs after a change.
 */
export function ChangePasswordForm({ onDone }: { onDone?: () => void }) {
  const { t } = useTranslation();
  const change = useChangePassword();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [again, setAgain] = useState("");
  const [tried, setTried] = useState(false);
  const tooShort = next.length < MIN_LENGTH;
  const mismatch = next !== again;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!current || tooShort || mismatch) return;
    change.mutate({ currentPassword: current, newPassword: next }, { onSuccess: () => onDone?.() });
  };

  return (
    <form onSubmit={submit} noValidate data-testid="change-password-form">
      <Stack>
        {change.error && (
          <Alert color="red" role="alert" data-testid="change-password-error">
            {errorMessage(change.error)}
          </Alert>
        )}
        <PasswordInput
          label={t("auth.currentPassword")}
          autoComplete="current-password"
          required
          value={current}
          onChange={(e) => setCurrent(e.currentTarget.value)}
          error={tried && !current ? t("auth.required") : undefined}
        />
        <PasswordInput
          label={t("auth.newPassword")}
          description={t("auth.passwordRule", { n: MIN_LENGTH })}
          autoComplete="new-password"
          required
          value={next}
          onChange={(e) => setNext(e.currentTarget.value)}
          error={tried && tooShort ? t("auth.passwordTooShort", { n: MIN_LENGTH }) : undefined}
        />
        <PasswordInput
          label={t("auth.repeatPassword")}
          autoComplete="new-password"
          required
          value={again}
          onChange={(e) => setAgain(e.currentTarget.value)}
          error={tried && !tooShort && mismatch ? t("auth.passwordMismatch") : undefined}
        />
        <Button type="submit" loading={change.isPending} data-testid="change-password-submit">
          {t("auth.changePassword")}
        </Button>
      </Stack>
    </form>
  );
}
