import { Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useBilling } from "../../api/billing";
import { useCan } from "../../api/session";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { CurrentPlan } from "./CurrentPlan";
import { PackageCards } from "./PackageCards";
import { PaymentReturn } from "./PaymentReturn";
import { PaymentsCard } from "./PaymentsCard";
import { TopupCard } from "./TopupCard";
import { UsageCard } from "./UsageCard";

/**
 * "Tagihan" (issue 14): the shop's package and status, this period's usage, packages to
 * choose, upgrade or downgrade to, top-ups, and payments with their invoices. Coming back
 * from the payment page (`?payment=<orderId>`) shows that payment's state. Single mode:
 * "not used on this server" (also what someone without `billing.read` reads: the API would refuse them).
 */
export function BillingPage() {
  const { t } = useTranslation();
  const billing = useBilling();
  const allowed = useCan()("billing.read");
  return (
    <>
      <PageHeader title={t("billing.title")} />
      {!allowed && (
        <Text c="dimmed" data-testid="billing-off">
          {t("billing.notAvailable")}
        </Text>
      )}
      {allowed && (
        <QueryState query={billing}>
          {(b) =>
            !b.enabled ? (
              <Text c="dimmed" data-testid="billing-off">
                {t("billing.notAvailable")}
              </Text>
            ) : (
              <Stack gap="lg">
                <PaymentReturn />
                <CurrentPlan billing={b} />
                <UsageCard billing={b} />
                <PackageCards billing={b} />
                <TopupCard />
                <PaymentsCard />
              </Stack>
            )
          }
        </QueryState>
      )}
    </>
  );
}
