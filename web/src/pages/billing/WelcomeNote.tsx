import { Alert } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";

/** What the sign-up page hands the first page (router state `welcome`): the trial's days and messages. */
export interface Welcome {
  days: number | null;
  messages: number | null;
}

/** "Welcome, your trial is N days with M messages", once, right after sign-up (closable). */
export function WelcomeNote() {
  const { t } = useTranslation();
  const state = useLocation().state as { welcome?: Welcome } | null;
  const [closed, setClosed] = useState(false);
  const welcome = state?.welcome;
  if (!welcome || closed || welcome.days === null) return null;
  return (
    <Alert color="teal" mb="md" withCloseButton onClose={() => setClosed(true)} data-testid="welcome-note">
      {t("billing.banner.welcome", { days: welcome.days, messages: welcome.messages ?? 0 })}
    </Alert>
  );
}
