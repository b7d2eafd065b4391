import { Group, NativeSelect, Table, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { isPaymentKind, PAYMENT_STATUSES, type PaymentStatus, usePlatformPayments } from "../../api/platform";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { TableHead } from "../../components/TableHead";
import { formatRupiah } from "../../lib/rupiah";
import { usePlatformFormat } from "./format";
import { PaymentBadge } from "./SubscriptionBadge";

/** `/platform/payments`: every shop's payments, newest first, filtered by status; amounts in rupiah. */
export function PaymentsPage() {
  const { t } = useTranslation();
  const f = usePlatformFormat();
  const [status, setStatus] = useState<PaymentStatus | "">("");
  const payments = usePlatformPayments(status);
  return (
    <>
      <PageHeader title={t("platform.payments.title")} />
      <Group mb="md">
        <NativeSelect
          label={t("platform.payments.statusFilter")}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value as PaymentStatus | "")}
          data={[
            { value: "", label: t("platform.payments.all") },
            ...PAYMENT_STATUSES.map((s) => ({ value: s, label: t(`platform.paymentStatus.${s}`) })),
          ]}
          data-testid="payments-status"
        />
      </Group>
      <QueryState query={payments} empty={t("platform.payments.empty")} isEmpty={(d) => d.length === 0}>
        {(list) => (
          <Table.ScrollContainer minWidth={800}>
            <Table verticalSpacing="sm" striped>
              <TableHead
                columns={[
                  t("platform.payments.createdAt"),
                  t("platform.payments.shop"),
                  t("platform.payments.what"),
                  t("platform.payments.amount"),
                  t("platform.payments.status"),
                  t("platform.payments.paidAt"),
                ]}
              />
              <Table.Tbody>
                {list.map((p) => (
                  <Table.Tr key={p.id} data-testid="payment-row">
                    <Table.Td>{f.dateTime(p.createdAt)}</Table.Td>
                    <Table.Td data-testid="payment-shop">{p.shopName}</Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {isPaymentKind(p.kind) ? t(`platform.payments.kind.${p.kind}`) : p.kind} ·{" "}
                        {p.description}
                      </Text>
                      <Text size="xs" c="dimmed" ff="monospace">
                        {p.orderId}
                      </Text>
                    </Table.Td>
                    <Table.Td data-testid="payment-amount">{formatRupiah(p.grossAmount)}</Table.Td>
                    <Table.Td>
                      <PaymentBadge status={p.status} />
                    </Table.Td>
                    <Table.Td>{p.paidAt ? f.dateTime(p.paidAt) : "—"}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
    </>
  );
}
