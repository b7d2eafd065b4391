import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { type BillingCycle, goToPayment, type PackageDto, useCheckout } from "../../api/billing";
import { errorMessage } from "../../api/client";
import { formatRupiah } from "../../lib/rupiah";
import { useFormat } from "../../lib/useFormat";

/**
 * "Upgrade": asks the server for the upgrade's payment (the prorated difference for the
 * rest of the period, integer rupiah), shows that price, and goes to the payment page
 * when the owner continues. 409 `not_an_upgrade` and others show under the button.
 */
export function UpgradeButton({
  pkg,
  cycle,
  periodEnd,
}: {
  pkg: PackageDto;
  cycle: BillingCycle;
  periodEnd: string;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const checkout = useCheckout();
  const answer = checkout.data;
  return (
    <div>
      <Button
        variant="filled"
        loading={checkout.isPending}
        onClick={() => checkout.mutate({ kind: "upgrade", packageId: pkg.id, cycle })}
      >
        {t("billing.packages.upgrade")}
      </Button>
      {checkout.error && (
        <Text size="xs" c="red" mt={4} role="alert">
          {errorMessage(checkout.error)}
        </Text>
      )}
      <Modal
        opened={!!answer}
        onClose={() => checkout.reset()}
        title={t("billing.upgrade.title", { name: pkg.name })}
      >
        {answer && (
          <Stack>
            <Text data-testid="upgrade-price">
              {t("billing.upgrade.message", {
                name: pkg.name,
                price: formatRupiah(answer.grossAmount),
                date: f.dateTime(periodEnd),
              })}
            </Text>
            <Group justify="flex-end">
              <Button onClick={() => goToPayment(answer)}>{t("billing.upgrade.pay")}</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </div>
  );
}
