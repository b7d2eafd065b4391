import { Alert, Loader, Group, Text } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { type Payment, usePayments } from "../../api/billing";
import { keys } from "../../api/keys";
import { formatRupiah } from "../../lib/rupiah";

/** Whether the payment of `orderId` still waits for Midtrans' confirmation (or is not listed yet). */
const waiting = (orderId: string) => (payments: Payment[] | undefined) => {
  const p = payments?.find((x) => x.orderId === orderId);
  return !p || p.status === "pending";
};

/**
 * Back from the payment page (`/billing?payment=<orderId>`): "waiting for confirmation"
 * while the payment is pending (the list is fetched again every few seconds), then paid
 * (the summary is fetched again: new period, package or units), failed or refunded.
 */
export function PaymentReturn() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const orderId = useSearchParams()[0].get("payment");
  const payments = usePayments(orderId ? waiting(orderId) : undefined);
  const payment = orderId ? payments.data?.find((p) => p.orderId === orderId) : undefined;
  const status = payment?.status;
  useEffect(() => {
    if (status === "paid" || status === "refunded")
      void qc.invalidateQueries({ queryKey: keys.billing, exact: true });
  }, [status, qc]);
  if (!orderId) return null;
  if (!payment || payment.status === "pending")
    return (
      <Alert color="blue" data-testid="payment-return">
        <Group gap="sm">
          <Loader size="xs" />
          <Text size="sm">{t("billing.payment.waiting")}</Text>
        </Group>
      </Alert>
    );
  return (
    <Alert
      color={payment.status === "paid" ? "teal" : payment.status === "failed" ? "red" : "gray"}
      data-testid="payment-return"
    >
      {payment.status === "paid"
        ? t("billing.payment.paid", { amount: formatRupiah(payment.grossAmount) })
        : t(`billing.payment.${payment.status}`)}
    </Alert>
  );
}
