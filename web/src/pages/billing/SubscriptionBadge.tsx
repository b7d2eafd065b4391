import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { SubscriptionStatus } from "../../api/billing";

const COLORS: Record<SubscriptionStatus, string> = {
  trialing: "blue",
  active: "teal",
  past_due: "yellow",
  expired: "red",
  suspended: "red",
};

/** A subscription's state as a coloured badge. */
export function SubscriptionBadge({ status }: { status: SubscriptionStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[status]} variant="light" data-testid="subscription-status">
      {t(`billing.status.${status}`)}
    </Badge>
  );
}
