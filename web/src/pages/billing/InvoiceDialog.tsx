import { Anchor, Modal, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { invoicePdfUrl, useInvoice } from "../../api/billing";
import { QueryState } from "../../components/QueryState";
import { TableHead } from "../../components/TableHead";
import { formatRupiah } from "../../lib/rupiah";
import { useFormat } from "../../lib/useFormat";

/** The invoice's own PPN line among its items (written at checkout as "PPN 11%"); shown apart, after the subtotal. */
const isPpnLine = (name: string) => name.startsWith("PPN");

/**
 * One invoice: items, subtotal, PPN (when charged; the API gives its rate in percent, 11 = 11 %),
 * total, and its PDF download. `id` null: closed.
 */
export function InvoiceDialog({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const invoice = useInvoice(id);
  return (
    <Modal
      opened={id !== null}
      onClose={onClose}
      size="lg"
      title={invoice.data ? t("billing.invoice.title", { number: invoice.data.number }) : ""}
    >
      {id !== null && (
        <QueryState query={invoice}>
          {(inv) => (
            <div data-testid="invoice">
              <Text size="sm" c="dimmed" mb="sm">
                {t("billing.invoice.issued", { date: f.dateTime(inv.issuedAt), shop: inv.shopName })}
              </Text>
              <Table>
                <TableHead
                  columns={[
                    t("billing.invoice.item"),
                    t("billing.invoice.quantity"),
                    t("billing.invoice.price"),
                    t("billing.invoice.amount"),
                  ]}
                />
                <Table.Tbody>
                  {inv.items
                    .filter((item) => !isPpnLine(item.name))
                    .map((item) => (
                      <Table.Tr key={item.name}>
                        <Table.Td>{item.name}</Table.Td>
                        <Table.Td>{f.number(item.quantity)}</Table.Td>
                        <Table.Td>{formatRupiah(item.price)}</Table.Td>
                        <Table.Td>{formatRupiah(item.amount)}</Table.Td>
                      </Table.Tr>
                    ))}
                  <Table.Tr>
                    <Table.Td colSpan={3}>{t("billing.invoice.subtotal")}</Table.Td>
                    <Table.Td>{formatRupiah(inv.subtotal)}</Table.Td>
                  </Table.Tr>
                  {inv.ppnRate > 0 && (
                    <Table.Tr>
                      <Table.Td colSpan={3}>
                        {t("billing.invoice.ppn", { rate: `${f.number(inv.ppnRate)}%` })}
                      </Table.Td>
                      <Table.Td>{formatRupiah(inv.ppnAmount)}</Table.Td>
                    </Table.Tr>
                  )}
                  <Table.Tr fw={700}>
                    <Table.Td colSpan={3}>{t("billing.invoice.total")}</Table.Td>
                    <Table.Td data-testid="invoice-total">{formatRupiah(inv.total)}</Table.Td>
                  </Table.Tr>
                </Table.Tbody>
              </Table>
              <Anchor href={invoicePdfUrl(inv.id)} download mt="md" display="inline-block">
                {t("billing.invoice.pdf")}
              </Anchor>
            </div>
          )}
        </QueryState>
      )}
    </Modal>
  );
}
