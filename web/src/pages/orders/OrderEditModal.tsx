import {
  Alert,
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage, fieldError } from "../../api/client";
import {
  PAYMENT_METHODS,
  useUpdateOrder,
  type Order,
  type PaymentMethod,
  type UpdateOrderInput,
} from "../../api/orders";
import { AddressFields, addressBody, type AddressDraft } from "./AddressFields";
import { LinesEditor, RUPIAH_INPUT, type LineDraft } from "./LinesEditor";
import { formatRupiah } from "../../lib/rupiah";
import { orderTotals } from "./money";

/** Statuses in which lines, amounts and payment may still change (the server's rule, 409 `order_locked` after). */
const EDITABLE_LINES = new Set(["draft", "new"]);

/** Whether an order's status still allows any edit. */
const isOpen = (o: Order) => !["completed", "cancelled", "returned"].includes(o.status);

/**
 * "Ubah": edits notes, address, courier and tracking of an open order; its products,
 * amounts and payment too while it is `draft` or `new`. Sends only what may change now.
 */
export function OrderEditButton({ order }: { order: Order }) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  if (!isOpen(order)) return null;
  return (
    <>
      <Button variant="default" onClick={open} data-testid="edit-order">
        {t("orders.detail.edit")}
      </Button>
      <Modal
        opened={opened}
        onClose={close}
        title={t("orders.detail.editTitle", { number: order.number })}
        size="xl"
      >
        {opened && <EditForm order={order} onDone={close} />}
      </Modal>
    </>
  );
}

function EditForm({ order, onDone }: { order: Order; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateOrder(order.id);
  const linesOpen = EDITABLE_LINES.has(order.status);
  const [lines, setLines] = useState<LineDraft[]>(() =>
    order.lines.map((l) => ({
      key: l.id,
      productId: l.productId ?? "",
      name: l.name,
      sku: l.sku,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
    })),
  );
  const [discount, setDiscount] = useState(order.discount);
  const [shippingCost, setShippingCost] = useState(order.shippingCost);
  const [paymentMethod, setPaymentMethod] = useState<PaymentMethod>(order.paymentMethod);
  const [address, setAddress] = useState<AddressDraft>({
    address: order.address ?? "",
    province: order.province ?? "",
    city: order.city ?? "",
  });
  const [notes, setNotes] = useState(order.notes ?? "");
  const [courier, setCourier] = useState(order.courier ?? "");
  const [tracking, setTracking] = useState(order.trackingNumber ?? "");
  const error = update.error;
  const { total } = orderTotals(lines, discount, shippingCost);

  const submit = () => {
    const body: UpdateOrderInput = {
      ...addressBody(address),
      notes: notes.trim() || null,
      courier: courier.trim() || null,
      trackingNumber: tracking.trim() || null,
      ...(linesOpen
        ? {
            lines: lines.map((l) => ({
              ...(l.productId ? { productId: l.productId } : { sku: l.sku }),
              quantity: l.quantity,
              unitPrice: l.unitPrice,
            })),
            discount,
            shippingCost,
            paymentMethod,
          }
        : {}),
    };
    update.mutate(body, {
      onSuccess: () => {
        notifications.show({ color: "teal", message: t("orders.detail.saved") });
        onDone();
      },
    });
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      noValidate
    >
      <Stack gap="md">
        {linesOpen ? (
          <>
            <LinesEditor lines={lines} onChange={setLines} error={error} />
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <Select
                label={t("orders.form.paymentMethod")}
                data={PAYMENT_METHODS.map((p) => ({ value: p, label: t(`orders.payment.${p}`) }))}
                value={paymentMethod}
                onChange={(v) => v && setPaymentMethod(v as PaymentMethod)}
                allowDeselect={false}
                error={fieldError(error, "paymentMethod")}
              />
              <NumberInput
                label={t("orders.form.discount")}
                value={discount}
                onChange={(v) => setDiscount(typeof v === "number" ? v : 0)}
                {...RUPIAH_INPUT}
                error={fieldError(error, "discount")}
              />
              <NumberInput
                label={t("orders.form.shippingCost")}
                value={shippingCost}
                onChange={(v) => setShippingCost(typeof v === "number" ? v : 0)}
                {...RUPIAH_INPUT}
                error={fieldError(error, "shippingCost")}
              />
            </SimpleGrid>
            <Text fw={700} ta="right">
              {t("orders.form.total")}: {formatRupiah(total)}
            </Text>
          </>
        ) : (
          <Text size="sm" c="dimmed">
            {t("orders.detail.lockedHint")}
          </Text>
        )}
        <AddressFields value={address} onChange={(p) => setAddress((a) => ({ ...a, ...p }))} error={error} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t("orders.detail.courier")}
            value={courier}
            onChange={(e) => setCourier(e.currentTarget.value)}
            maxLength={100}
            error={fieldError(error, "courier")}
            data-testid="edit-courier"
          />
          <TextInput
            label={t("orders.detail.trackingNumber")}
            value={tracking}
            onChange={(e) => setTracking(e.currentTarget.value)}
            maxLength={100}
            error={fieldError(error, "trackingNumber")}
            data-testid="edit-tracking"
          />
        </SimpleGrid>
        <Textarea
          label={t("orders.form.notes")}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
          autosize
          minRows={2}
          maxLength={2000}
          error={fieldError(error, "notes")}
          data-testid="edit-notes"
        />
        {error && (
          <Alert color="red" role="alert" data-testid="edit-error">
            {errorMessage(error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t("orders.form.cancel")}
          </Button>
          <Button type="submit" loading={update.isPending} data-testid="edit-save">
            {t("orders.detail.edit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
