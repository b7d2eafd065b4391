import {
  Alert,
  Button,
  Grid,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { errorMessage, fieldError } from "../../api/client";
import { PAYMENT_METHODS, useCreateOrder, type CreateOrderInput, type PaymentMethod } from "../../api/orders";
import { OutletPicker } from "../../components/OutletPicker";
import { PageHeader } from "../../components/PageHeader";
import { AddressFields, addressBody, type AddressDraft } from "./AddressFields";
import { CustomerFields, customerBody, hasCustomer, type CustomerDraft } from "./CustomerFields";
import { LinesEditor, RUPIAH_INPUT, type LineDraft } from "./LinesEditor";
import { formatRupiah } from "../../lib/rupiah";
import { orderTotals } from "./money";

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Title order={4} size="h5" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

/**
 * /orders/new: a manual order. `?contactId=&conversationId=` (from the inbox) fixes the
 * customer and ties the order to that conversation. Totals follow every change; a refused
 * save shows each problem under its field (the server's `fields`, e.g. `lines.1.quantity`).
 * Saved: goes to the order's page.
 */
export function NewOrderPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const conversationId = params.get("conversationId") ?? "";
  const [customer, setCustomer] = useState<CustomerDraft>({
    mode: "existing",
    contactId: params.get("contactId") ?? "",
    phone: "",
    name: "",
  });
  const [lines, setLines] = useState<LineDraft[]>([]);
  const [discount, setDiscount] = useState(0);
  const [shippingCost, setShippingCost] = useState(0);
  const [paymentMethod, setPaymentMethod] = useState<PaymentMethod>("transfer");
  const [address, setAddress] = useState<AddressDraft>({ address: "", province: "", city: "" });
  const [notes, setNotes] = useState("");
  const [outletId, setOutletId] = useState<string | null>(null);
  const create = useCreateOrder();
  const [tried, setTried] = useState(false);
  const { subtotal, total } = orderTotals(lines, discount, shippingCost);
  const error = create.error;

  const submit = () => {
    setTried(true);
    if (!hasCustomer(customer)) return;
    const body: CreateOrderInput = {
      customer: customerBody(customer),
      lines: lines.map((l) => ({ productId: l.productId, quantity: l.quantity, unitPrice: l.unitPrice })),
      paymentMethod,
      discount,
      shippingCost,
      ...addressBody(address),
      notes: notes.trim() || null,
      ...(conversationId ? { conversationId } : {}),
      ...(outletId ? { outletId } : {}),
    };
    create.mutate(body, {
      onSuccess: (order) => {
        notifications.show({ color: "teal", message: t("orders.form.created", { number: order.number }) });
        void navigate(`/orders/${order.id}`);
      },
    });
  };

  return (
    <>
      <PageHeader title={t("orders.form.title")} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        noValidate
      >
        <Grid gutter="md">
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <Stack gap="md">
              <Section title={t("orders.form.customer")}>
                <CustomerFields
                  value={customer}
                  onChange={(p) => setCustomer((c) => ({ ...c, ...p }))}
                  error={error}
                  fromConversation={conversationId !== ""}
                  missing={tried && !hasCustomer(customer)}
                />
              </Section>
              <Section title={t("orders.form.products")}>
                <LinesEditor lines={lines} onChange={setLines} error={error} />
              </Section>
              <Section title={t("orders.detail.shipping")}>
                <AddressFields
                  value={address}
                  onChange={(p) => setAddress((a) => ({ ...a, ...p }))}
                  error={error}
                />
              </Section>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <Stack gap="md">
              <Section title={t("orders.detail.amounts")}>
                <Stack gap="sm">
                  <OutletPicker
                    value={outletId}
                    onChange={setOutletId}
                    error={fieldError(error, "outletId")}
                    placeholder={t("orders.form.outletDefault")}
                    testId="order-outlet"
                  />
                  <Select
                    label={t("orders.form.paymentMethod")}
                    data={PAYMENT_METHODS.map((p) => ({ value: p, label: t(`orders.payment.${p}`) }))}
                    value={paymentMethod}
                    onChange={(v) => v && setPaymentMethod(v as PaymentMethod)}
                    allowDeselect={false}
                    error={fieldError(error, "paymentMethod")}
                    data-testid="order-payment"
                  />
                  <NumberInput
                    label={t("orders.form.discount")}
                    value={discount}
                    onChange={(v) => setDiscount(typeof v === "number" ? v : 0)}
                    {...RUPIAH_INPUT}
                    error={fieldError(error, "discount")}
                    data-testid="order-discount"
                  />
                  <NumberInput
                    label={t("orders.form.shippingCost")}
                    value={shippingCost}
                    onChange={(v) => setShippingCost(typeof v === "number" ? v : 0)}
                    {...RUPIAH_INPUT}
                    error={fieldError(error, "shippingCost")}
                    data-testid="order-shipping"
                  />
                  <Group justify="space-between">
                    <Text size="sm">{t("orders.form.subtotal")}</Text>
                    <Text size="sm" data-testid="order-subtotal">
                      {formatRupiah(subtotal)}
                    </Text>
                  </Group>
                  <Group justify="space-between">
                    <Text fw={700}>{t("orders.form.total")}</Text>
                    <Text fw={700} data-testid="order-grand-total">
                      {formatRupiah(total)}
                    </Text>
                  </Group>
                </Stack>
              </Section>
              <Section title={t("orders.form.notes")}>
                <Textarea
                  aria-label={t("orders.form.notes")}
                  value={notes}
                  onChange={(e) => setNotes(e.currentTarget.value)}
                  autosize
                  minRows={2}
                  maxLength={2000}
                  error={fieldError(error, "notes")}
                  data-testid="order-notes"
                />
              </Section>
              {error && (
                <Alert color="red" role="alert" data-testid="order-error">
                  {errorMessage(error)}
                </Alert>
              )}
              <Group justify="flex-end">
                <Button variant="default" component={Link} to="/orders">
                  {t("orders.form.cancel")}
                </Button>
                <Button type="submit" loading={create.isPending} data-testid="save-order">
                  {t("orders.form.save")}
                </Button>
              </Group>
            </Stack>
          </Grid.Col>
        </Grid>
      </form>
    </>
  );
}
