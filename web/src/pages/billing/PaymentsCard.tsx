import { Badge, Button, Paper, Table, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type Payment, usePayments } from "../../api/billing";
import { QueryState } from "../../components/QueryState";
import { TableHead } from "../../components/TableHead";
import { formatRupiah } from "../../lib/rupiah";
import { useFormat } from "../../lib/useFormat";
import { InvoiceDialog } from "./InvoiceDialog";

const COLORS: Record<Payment["status"], string> = {
  pending: "blue",
  paid: "teal",
  failed: "red",
  refunded: "gray",
};

/** The shop's payments (newest first as the server lists them), each with its invoice when it has one. */
export function PaymentsCard() {
  const { t } = useTranslation();
  const f = useFormat();
  const payments = usePayments();
  const [invoiceId, setInvoiceId] = useState<string | null>(null);
  return (
    <Paper withBorder radius="md" p="md">
      <Title order={4} mb="sm">
        {t("billing.payments.title")}
      </Title>
      <QueryState query={payments} empty={t("billing.payments.empty")} isEmpty={(list) => list.length === 0}>
        {(list) => (
          <Table.ScrollContainer minWidth={560}>
            <Table data-testid="payments">
              <TableHead
                columns={[
                  t("billing.payments.date"),
                  t("billing.payments.description"),
                  t("billing.payments.amount"),
                  t("billing.payments.status"),
                  t("billing.payments.invoice"),
                ]}
              />
              <Table.Tbody>
                {list.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>{f.dateTime(p.paidAt ?? p.createdAt)}</Table.Td>
                    <Table.Td>{p.description}</Table.Td>
                    <Table.Td>{formatRupiah(p.grossAmount)}</Table.Td>
                    <Table.Td>
                      <Badge color={COLORS[p.status]} variant="light">
                        {t(`billing.payments.statusName.${p.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {p.invoiceId && (
                        <Button size="compact-sm" variant="subtle" onClick={() => setInvoiceId(p.invoiceId)}>
                          {t("billing.payments.view")}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
      <InvoiceDialog id={invoiceId} onClose={() => setInvoiceId(null)} />
    </Paper>
  );
}
