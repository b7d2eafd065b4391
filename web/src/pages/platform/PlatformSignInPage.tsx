import {
  Alert,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { errorMessage, fieldError } from "../../api/client";
import { usePlatformSignIn } from "../../api/platform";
import { LanguageSwitch } from "../../components/LanguageSwitch";

/** Only console pages are followed after signing in (never a shop page, never another site). */
const safeNext = (next: string | null) =>
  next === "/platform" || next?.startsWith("/platform/") ? next : "/platform";

/**
 * The platform admin's sign-in (SaaS mode): its own page and session, apart from the
 * shops' sign-in; "session ended" when a 401 on a console call sent the admin here.
 */
export function PlatformSignInPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const signIn = usePlatformSignIn();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");

  const submit = (e: FormEvent) => {
    e.preventDefault();
    signIn.mutate(
      { email: email.trim(), password },
      { onSuccess: () => void navigate(safeNext(params.get("next")), { replace: true }) },
    );
  };
  const fieldProblem = fieldError(signIn.error, "email", "password");

  return (
    <Center mih="100vh" bg="gray.1" p="md">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={400}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <Group justify="space-between">
              <Title order={2} c="indigo.7">
                {t("platform.title")}
              </Title>
              <LanguageSwitch />
            </Group>
            <Text c="dimmed" size="sm">
              {t("platform.signIn.intro")}
            </Text>
            {params.get("expired") && !signIn.error && (
              <Alert color="yellow" data-testid="session-expired">
                {t("platform.signIn.expired")}
              </Alert>
            )}
            {signIn.error && !fieldProblem && (
              <Alert color="red" role="alert" data-testid="sign-in-error">
                {errorMessage(signIn.error)}
              </Alert>
            )}
            <TextInput
              label={t("platform.signIn.email")}
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={fieldError(signIn.error, "email")}
              data-testid="platform-email"
            />
            <PasswordInput
              label={t("platform.signIn.password")}
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={fieldError(signIn.error, "password")}
              data-testid="platform-password"
            />
            <Button type="submit" loading={signIn.isPending} fullWidth>
              {t("platform.signIn.submit")}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
