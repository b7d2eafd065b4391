import { Alert, Button, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { type FormEvent, type ReactNode, useState } from "react";
import { useSearchParams } from "react-router";
import { errorMessage, fieldError } from "../api/client";

/** The words of one sign-in form (already translated). */
interface SignInTexts {
  /** Under the title: who signs in here. */
  intro: string;
  /** Shown when a 401 sent the person here (`?expired=1`) and nothing failed since. */
  expired: string;
  email: string;
  password: string;
  submit: string;
}

/**
 * Email and password, for the shop's sign-in and the platform console's (each page passes
 * its texts and its submit): "session ended" when the URL says `expired`, the server's
 * field problems under their fields, any other error in a red alert in the server's words,
 * the button busy while `pending`. `onSubmit` gets the e-mail trimmed and the password as
 * typed. `children` go below the button (links).
 */
export function SignInForm({
  texts,
  onSubmit,
  error,
  pending,
  children,
}: {
  texts: SignInTexts;
  onSubmit: (credentials: { email: string; password: string }) => void;
  error: Error | null;
  pending: boolean;
  children?: ReactNode;
}) {
  const [params] = useSearchParams();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit({ email: email.trim(), password });
  };
  const fieldProblem = fieldError(error, "email", "password");
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text c="dimmed" size="sm">
          {texts.intro}
        </Text>
        {params.get("expired") && !error && (
          <Alert color="yellow" data-testid="session-expired">
            {texts.expired}
          </Alert>
        )}
        {error && !fieldProblem && (
          <Alert color="red" role="alert" data-testid="sign-in-error">
            {errorMessage(error)}
          </Alert>
        )}
        <TextInput
          label={texts.email}
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={fieldError(error, "email")}
          data-testid="sign-in-email"
        />
        <PasswordInput
          label={texts.password}
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={fieldError(error, "password")}
          data-testid="sign-in-password"
        />
        <Button type="submit" loading={pending} fullWidth>
          {texts.submit}
        </Button>
        {children}
      </Stack>
    </form>
  );
}
