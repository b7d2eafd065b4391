import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { isPaymentStatus, type PaymentStatus, type SubscriptionStatus } from "../../api/platform";

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

/** A shop's subscription status in words and colour; null: a shop without a subscription. */
export function SubscriptionBadge({ status }: { status: SubscriptionStatus | null }) {
  const { t } = useTranslation();
  if (status === null)
    return (
      <Badge color="gray" variant="outline" data-testid="shop-status">
        {t("platform.shops.noSubscription")}
      </Badge>
    );
  return (
    <Badge color={SUBSCRIPTION_COLORS[status]} variant="light" data-testid="shop-status">
      {t(`platform.status.${status}`)}
    </Badge>
  );
}

/** A payment's status in words and colour (a status the console does not know: as the API names it). */
export function PaymentBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={isPaymentStatus(status) ? PAYMENT_COLORS[status] : "gray"}
      variant="light"
      data-testid="payment-status"
    >
      {isPaymentStatus(status) ? t(`platform.paymentStatus.${status}`) : status}
    </Badge>
  );
}
