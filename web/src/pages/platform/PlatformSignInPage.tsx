import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { usePlatformSignIn } from "../../api/platform";
import { AuthCard } from "../../components/AuthCard";
import { SignInForm } from "../../components/SignInForm";

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
  return (
    <AuthCard title={t("platform.title")} color="indigo.7" bg="gray.1">
      <SignInForm
        texts={{
          intro: t("platform.signIn.intro"),
          expired: t("platform.signIn.expired"),
          email: t("platform.signIn.email"),
          password: t("platform.signIn.password"),
          submit: t("platform.signIn.submit"),
        }}
        error={signIn.error}
        pending={signIn.isPending}
        onSubmit={(credentials) =>
          signIn.mutate(credentials, {
            onSuccess: () => void navigate(safeNext(params.get("next")), { replace: true }),
          })
        }
      />
    </AuthCard>
  );
}
