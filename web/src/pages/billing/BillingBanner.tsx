import { Alert, Anchor } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useBilling } from "../../api/billing";
import { useFormat } from "../../lib/useFormat";

const DAY_MS = 86_400_000;
/** A trial shows its banner in its last days. */
const TRIAL_WARNING_DAYS = 3;

/**
 * The subscription's banner above every page (SaaS mode, `billing.read` holders): payment
 * due (sending continues until the grace date), expired (sending stopped, data kept, pay),
 * suspended by the platform, or a trial's last {@link TRIAL_WARNING_DAYS} days. Nothing in
 * single mode or when all is well.
 */
export function BillingBanner() {
  const { t } = useTranslation();
  const f = useFormat();
  const billing = useBilling().data;
  if (!billing?.enabled) return null;
  const link = (key: "billing.banner.pay" | "billing.banner.choose") => (
    <>
      {" "}
      <Anchor component={Link} to="/billing" size="sm" fw={600}>
        {t(key)}
      </Anchor>
    </>
  );
  const show = (color: string, text: string, action?: "billing.banner.pay" | "billing.banner.choose") => (
    <Alert color={color} mb="md" data-testid="billing-banner">
      {text}
      {action && link(action)}
    </Alert>
  );
  switch (billing.status) {
    case "past_due":
      return show(
        "yellow",
        t("billing.banner.past_due", { date: f.dateTime(billing.graceUntil ?? billing.periodEnd) }),
        "billing.banner.pay",
      );
    case "expired":
      return show("red", t("billing.banner.expired"), "billing.banner.pay");
    case "suspended":
      return show("red", t("billing.banner.suspended"));
    case "trialing": {
      const left = Math.ceil((Date.parse(billing.periodEnd) - Date.now()) / DAY_MS);
      if (left > TRIAL_WARNING_DAYS) return null;
      return show(
        "blue",
        t("billing.banner.trialing", { count: Math.max(left, 0), date: f.dateTime(billing.periodEnd) }),
        "billing.banner.choose",
      );
    }
    default:
      return null;
  }
}
