import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { ApiError, errorMessage, fieldError } from "../../api/client";
import { type SignUpInput, useSignUp, useSignUpInfo } from "../../api/signup";
import { AuthCard } from "../../components/AuthCard";
import { PageLoading } from "../../components/PageLoading";
import { formatPhone, normalisePhone } from "../../lib/phone";
import type { Welcome } from "../billing/WelcomeNote";

type Field = keyof SignUpInput;
const EMPTY: SignUpInput = { shopName: "", ownerName: "", email: "", phone: "", password: "" };

/**
 * The public sign-up of a new shop (SaaS mode, issue 14): shop name, owner, e-mail,
 * WhatsApp number (any Indonesian way of writing it, shown normalised), password (≥ 8).
 * The server's field problems show under their fields, 409 `email_taken` under the
 * e-mail, 429 as a clear message. On success the owner is signed in and lands on the
 * dashboard with a welcome note naming the trial. In single mode: "not available".
 */
export function SignUpPage() {
  const { t } = useTranslation();
  const info = useSignUpInfo();
  const signUp = useSignUp();
  const navigate = useNavigate();
  const [form, setForm] = useState<SignUpInput>(EMPTY);
  const [checked, setChecked] = useState(false);

  if (info.isPending) return <PageLoading />;
  const phone = normalisePhone(form.phone);
  const local: Partial<Record<Field, string>> = {
    shopName: form.shopName.trim() ? undefined : t("billing.signUp.required"),
    ownerName: form.ownerName.trim() ? undefined : t("billing.signUp.required"),
    email: form.email.trim() ? undefined : t("billing.signUp.required"),
    phone: phone ? undefined : t("billing.signUp.phoneInvalid"),
    password: form.password.length >= 8 ? undefined : t("billing.signUp.passwordShort"),
  };
  const err = signUp.error;
  const taken = err instanceof ApiError && err.code === "email_taken";
  const tooMany = err instanceof ApiError && err.status === 429;
  const problem = (f: Field) =>
    (checked ? local[f] : undefined) ??
    (f === "email" && taken ? errorMessage(err) : undefined) ??
    fieldError(err, f);
  const anyFieldProblem = (Object.keys(EMPTY) as Field[]).some((f) => fieldError(err, f));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    if (!phone || Object.values(local).some(Boolean)) return;
    const welcome: Welcome = {
      days: info.data?.trialDays ?? null,
      messages: info.data?.trialMessages ?? null,
    };
    signUp.mutate(
      {
        shopName: form.shopName.trim(),
        ownerName: form.ownerName.trim(),
        email: form.email.trim(),
        phone,
        password: form.password,
      },
      { onSuccess: () => void navigate("/", { replace: true, state: { welcome } }) },
    );
  };
  const set = (f: Field) => (e: { currentTarget: { value: string } }) =>
    setForm((x) => ({ ...x, [f]: e.currentTarget.value }));

  return (
    <AuthCard title="Kabar" width={440}>
      {!info.data?.enabled ? (
        <>
          <Alert color="gray" data-testid="sign-up-closed">
            {t("billing.signUp.notAvailable")}
          </Alert>
          <Anchor component={Link} to="/sign-in">
            {t("billing.signUp.signIn")}
          </Anchor>
        </>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <Title order={3}>{t("billing.signUp.title")}</Title>
            {info.data.trialDays !== null && (
              <Text c="dimmed" size="sm">
                {t("billing.signUp.trial", {
                  days: info.data.trialDays,
                  messages: info.data.trialMessages ?? 0,
                })}
              </Text>
            )}
            {err && !anyFieldProblem && !taken && (
              <Alert color="red" role="alert" data-testid="sign-up-error">
                {tooMany ? t("billing.signUp.tooMany") : errorMessage(err)}
              </Alert>
            )}
            <TextInput
              label={t("billing.signUp.shopName")}
              required
              value={form.shopName}
              onChange={set("shopName")}
              error={problem("shopName")}
            />
            <TextInput
              label={t("billing.signUp.ownerName")}
              autoComplete="name"
              required
              value={form.ownerName}
              onChange={set("ownerName")}
              error={problem("ownerName")}
            />
            <TextInput
              label={t("billing.signUp.email")}
              type="email"
              autoComplete="username"
              required
              value={form.email}
              onChange={set("email")}
              error={problem("email")}
            />
            <TextInput
              label={t("billing.signUp.phone")}
              type="tel"
              autoComplete="tel"
              required
              placeholder="0812-3456-7890"
              value={form.phone}
              onChange={set("phone")}
              description={phone ? t("billing.signUp.phoneAs", { phone: formatPhone(phone) }) : undefined}
              error={problem("phone")}
            />
            <PasswordInput
              label={t("billing.signUp.password")}
              autoComplete="new-password"
              required
              description={t("billing.signUp.passwordHint")}
              value={form.password}
              onChange={set("password")}
              error={problem("password")}
            />
            <Button type="submit" loading={signUp.isPending} fullWidth>
              {t("billing.signUp.submit")}
            </Button>
            <Text size="sm">
              {t("billing.signUp.haveAccount")}{" "}
              <Anchor component={Link} to="/sign-in">
                {t("billing.signUp.signIn")}
              </Anchor>
            </Text>
          </Stack>
        </form>
      )}
    </AuthCard>
  );
}
