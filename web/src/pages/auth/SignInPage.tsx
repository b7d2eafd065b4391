import {
  Alert,
  Anchor,
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
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { errorMessage, fieldError } from "../../api/client";
import { useSignIn } from "../../api/session";
import { LanguageSwitch } from "../../components/LanguageSwitch";

/** Only paths of this app are followed after signing in. */
const safeNext = (next: string | null) => (next?.startsWith("/") && !next.startsWith("//") ? next : "/");

/** Email and password; "session ended" when a 401 sent the user here. */
export function SignInPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const signIn = useSignIn();
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
    <Center mih="100vh" bg="gray.0" p="md">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={400}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <Group justify="space-between">
              <Title order={2} c="teal.7">
                Kabar
              </Title>
              <LanguageSwitch />
            </Group>
            <Text c="dimmed" size="sm">
              {t("auth.intro")}
            </Text>
            {params.get("expired") && !signIn.error && (
              <Alert color="yellow" data-testid="session-expired">
                {t("auth.expired")}
              </Alert>
            )}
            {signIn.error && !fieldProblem && (
              <Alert color="red" role="alert" data-testid="sign-in-error">
                {errorMessage(signIn.error)}
              </Alert>
            )}
            <TextInput
              label={t("auth.email")}
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={fieldError(signIn.error, "email")}
            />
            <PasswordInput
              label={t("auth.password")}
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={fieldError(signIn.error, "password")}
            />
            <Button type="submit" loading={signIn.isPending} fullWidth>
              {t("auth.signIn")}
            </Button>
            <Text size="xs" c="dimmed">
              {t("auth.firstStart")}{" "}
              <Anchor href="/docs" size="xs">
                API
              </Anchor>
            </Text>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
