import { Anchor, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useSearchParams } from "react-router";
import type { Billing } from "../../api/billing";
import { api } from "../../api/client";
import { keys } from "../../api/keys";
import { useSignIn } from "../../api/session";
import { useSignUpInfo } from "../../api/signup";
import { AuthCard } from "../../components/AuthCard";
import { SignInForm } from "../../components/SignInForm";

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

  const submit = (credentials: { email: string; password: string }) =>
    signIn.mutate(credentials, {
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
    });

  return (
    <AuthCard title="Kabar">
      <SignInForm
        texts={{
          intro: t("auth.intro"),
          expired: t("auth.expired"),
          email: t("auth.email"),
          password: t("auth.password"),
          submit: t("auth.signIn"),
        }}
        error={signIn.error}
        pending={signIn.isPending}
        onSubmit={submit}
      >
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
      </SignInForm>
    </AuthCard>
  );
}
