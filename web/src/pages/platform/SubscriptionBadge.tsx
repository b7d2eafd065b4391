import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { PaymentStatus, SubscriptionStatus } from "../../api/platform";

const SUBSCRIPTION_COLORS: Record<SubscriptionStatus, string> = {
  trialing: "violet",
  active: "teal",
  past_due: "yellow",
  expired: "red",
  suspended: "gray",
};

const PAYMENT_COLORS: Record<PaymentStatus, string> = {
  pending: "yellow",
  paid: "teal",
  failed: "red",
  refunded: "gray",
};

/** A shop's subscription status in words and colour. */
export function SubscriptionBadge({ status }: { status: SubscriptionStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={SUBSCRIPTION_COLORS[status]} variant="light" data-testid="shop-status">
      {t(`platform.status.${status}`)}
    </Badge>
  );
}

/** A payment's status in words and colour. */
export function PaymentBadge({ status }: { status: PaymentStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={PAYMENT_COLORS[status]} variant="light" data-testid="payment-status">
      {t(`platform.paymentStatus.${status}`)}
    </Badge>
  );
}
