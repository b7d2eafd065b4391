import { Anchor, Grid, Group, Paper, Stack, Table, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { api } from "../../api/client";
import { keys } from "../../api/keys";
import { useOrder, type Order } from "../../api/orders";
import type { ContactHistory } from "../../api/types";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { TableHead } from "../../components/TableHead";
import { formatPhone } from "../../lib/phone";
import { useFormat } from "../../lib/useFormat";
import { formatRupiah } from "../../lib/rupiah";
import { OrderActions } from "./OrderActions";
import { OrderEditButton } from "./OrderEditModal";
import { OrderHistory } from "./OrderHistory";
import { OrderStatusBadge } from "./OrderStatusBadge";
import { OrderMessagesBox } from "../order-messages/OrderMessagesBox";

function Box({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Title order={4} size="h5" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

/** A label and its value on one line (value "—" when empty). */
function Row({ label, value, testId }: { label: string; value: ReactNode; testId?: string }) {
  return (
    <Group justify="space-between" wrap="nowrap" gap="sm">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="sm" ta="right" style={{ wordBreak: "break-word" }} data-testid={testId}>
        {value || "—"}
      </Text>
    </Group>
  );
}

/** /orders/:id: one order, its moves (`next`), edit, and history. */
export function OrderDetailPage() {
  const { id = "" } = useParams();
  const query = useOrder(id);
  return <QueryState query={query}>{(o) => <OrderView order={o} />}</QueryState>;
}

function OrderView({ order: o }: { order: Order }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <>
      <Anchor component={Link} to="/orders" size="sm">
        ← {t("orders.detail.back")}
      </Anchor>
      <PageHeader
        title={
          <Group gap="sm" component="span">
            <span data-testid="order-number">{o.number}</span>
            <OrderStatusBadge status={o.status} size="md" testId="order-page-status" />
          </Group>
        }
      >
        <OrderEditButton order={o} />
      </PageHeader>
      <Stack gap="md">
        <OrderActions order={o} />
        <Grid gutter="md">
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <Stack gap="md">
              <Box title={t("orders.detail.lines")}>
                <Table.ScrollContainer minWidth={480}>
                  <Table verticalSpacing={6} data-testid="order-lines">
                    <TableHead
                      columns={[
                        t("orders.form.product"),
                        t("orders.form.quantity"),
                        t("orders.form.unitPrice"),
                        t("orders.form.lineTotal"),
                      ]}
                    />
                    <Table.Tbody>
                      {o.lines.map((l) => (
                        <Table.Tr key={l.id}>
                          <Table.Td>
                            <Text size="sm">{l.name}</Text>
                            <Text size="xs" c="dimmed">
                              {l.sku}
                            </Text>
                          </Table.Td>
                          <Table.Td>{f.number(l.quantity)}</Table.Td>
                          <Table.Td style={{ whiteSpace: "nowrap" }}>{formatRupiah(l.unitPrice)}</Table.Td>
                          <Table.Td style={{ whiteSpace: "nowrap" }}>{formatRupiah(l.lineTotal)}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
                <Stack gap={4} mt="sm" maw={320} ml="auto">
                  <Row label={t("orders.form.subtotal")} value={formatRupiah(o.subtotal)} />
                  <Row label={t("orders.form.discount")} value={formatRupiah(-o.discount)} />
                  <Row label={t("orders.form.shippingCost")} value={formatRupiah(o.shippingCost)} />
                  <Group justify="space-between">
                    <Text fw={700}>{t("orders.form.total")}</Text>
                    <Text fw={700} data-testid="order-total">
                      {formatRupiah(o.total)}
                    </Text>
                  </Group>
                </Stack>
              </Box>
              <Box title={t("orders.detail.history")}>
                <OrderHistory events={o.history} />
              </Box>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <Stack gap="md">
              <Box title={t("orders.detail.customer")}>
                <Customer order={o} />
              </Box>
              <Box title={t("orderMessages.log.title")}>
                <OrderMessagesBox orderId={o.id} />
              </Box>
              <Box title={t("orders.detail.amounts")}>
                <Stack gap={4}>
                  <Row
                    label={t("orders.form.paymentMethod")}
                    value={t(`orders.payment.${o.paymentMethod}`)}
                  />
                  <Row label={t("orders.detail.placedAt")} value={f.dateTime(o.placedAt)} />
                  <Row label={t("orders.detail.source")} value={t(`orders.source.${o.source}`)} />
                  {o.closeReason && (
                    <Row label={t("orders.detail.closeReason")} value={o.closeReason} testId="close-reason" />
                  )}
                </Stack>
              </Box>
              <Box title={t("orders.detail.shipping")}>
                <Stack gap={4}>
                  <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                    {[o.address, o.city, o.provinceName].filter(Boolean).join(", ") || "—"}
                  </Text>
                  <Row label={t("orders.detail.courier")} value={o.courier} testId="order-courier" />
                  <Row
                    label={t("orders.detail.trackingNumber")}
                    value={o.trackingNumber}
                    testId="order-tracking"
                  />
                </Stack>
              </Box>
              {o.notes && (
                <Box title={t("orders.form.notes")}>
                  <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                    {o.notes}
                  </Text>
                </Box>
              )}
            </Stack>
          </Grid.Col>
        </Grid>
      </Stack>
    </>
  );
}

/** The customer: name and phone, links to the contact and to their latest inbox conversation, if any. */
function Customer({ order: o }: { order: Order }) {
  const { t } = useTranslation();
  const contactId = o.customer.contactId;
  const history = useQuery({
    queryKey: keys.contactHistory(contactId ?? ""),
    queryFn: () => api<ContactHistory>("GET", `/contacts/${contactId}/history`),
    enabled: contactId !== null,
  });
  const conversation = history.data?.conversations[0];
  return (
    <Stack gap={2} data-testid="order-customer">
      <Text fw={600}>{o.customer.name ?? formatPhone(o.customer.phone)}</Text>
      <Text size="sm" c="dimmed">
        {formatPhone(o.customer.phone)}
      </Text>
      <Group gap="md" mt={4}>
        {contactId && (
          <Anchor component={Link} to={`/contacts/${contactId}`} size="sm" data-testid="customer-contact">
            {t("orders.detail.openContact")}
          </Anchor>
        )}
        {conversation && (
          <Anchor component={Link} to={`/inbox/${conversation.id}`} size="sm" data-testid="customer-chat">
            {t("orders.detail.openChat")}
          </Anchor>
        )}
      </Group>
    </Stack>
  );
}
