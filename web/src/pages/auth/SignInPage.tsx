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
import { useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useSearchParams } from "react-router";
import type { Billing } from "../../api/billing";
import { api, errorMessage, fieldError } from "../../api/client";
import { keys } from "../../api/keys";
import { useSignIn } from "../../api/session";
import { useSignUpInfo } from "../../api/signup";
import { LanguageSwitch } from "../../components/LanguageSwitch";

/** Only paths of this app are followed after signing in. */
const safeNext = (next: string | null) => (next?.startsWith("/") && !next.startsWith("//") ? next : "/");

/**
 * Email and password; "session ended" when a 401 sent the user here. In SaaS mode it links
 * to sign-up, and the owner of an expired shop lands on the billing page (how to pay).
 */
export function SignInPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const signIn = useSignIn();
  const signUp = useSignUpInfo();
  const qc = useQueryClient();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");

  const submit = (e: FormEvent) => {
    e.preventDefault();
    signIn.mutate(
      { email: email.trim(), password },
      {
        onSuccess: async ({ user }) => {
          let to = safeNext(params.get("next"));
          if (user.permissions.includes("billing.read")) {
            const billing = await qc
              .fetchQuery({ queryKey: keys.billing, queryFn: () => api<Billing>("GET", "/billing") })
              .catch(() => null);
            if (billing?.enabled && billing.status === "expired") to = "/billing";
          }
          await navigate(to, { replace: true });
        },
      },
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
            {signUp.data?.enabled && (
              <Text size="sm" data-testid="sign-up-link">
                {t("billing.signUp.cta")}{" "}
                <Anchor component={Link} to="/signup">
                  {t("billing.signUp.link")}
                </Anchor>
              </Text>
            )}
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
