import { ActionIcon, Alert, NumberInput, Stack, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { ApiError, fieldError } from "../../api/client";
import type { Product } from "../../api/orders";
import { TableHead } from "../../components/TableHead";
import { formatRupiah } from "../../lib/rupiah";
import { ProductSelect } from "./ProductSelect";

/** One line of an order being written: a product, how many, at what price per unit (rupiah). */
export interface LineDraft {
  key: string;
  productId: string;
  name: string;
  sku: string;
  quantity: number;
  unitPrice: number;
}

/** A new line of `product`: one unit at the product's price. */
const lineOf = (product: Product): LineDraft => ({
  key: crypto.randomUUID(),
  productId: product.id,
  name: product.name,
  sku: product.sku,
  quantity: 1,
  unitPrice: product.price,
});

interface Props {
  lines: LineDraft[];
  onChange: (lines: LineDraft[]) => void;
  /** A failed save: `lines.<i>.<field>` errors show on line i (0-based, as the server names them). */
  error: unknown;
}

/** NumberInput props of a rupiah amount: whole, not negative, "Rp150.000" as it is typed. */
export const RUPIAH_INPUT = {
  thousandSeparator: ".",
  decimalSeparator: ",",
  allowDecimal: false,
  allowNegative: false,
  prefix: "Rp",
};

/** The products of an order: add by search, change quantity and price, remove; each line's amount. */
export function LinesEditor({ lines, onChange, error }: Props) {
  const { t } = useTranslation();
  const set = (key: string, patch: Partial<LineDraft>) =>
    onChange(lines.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  const whole = fieldError(error, "lines");
  return (
    <Stack gap="sm">
      {lines.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="no-lines">
          {t("orders.form.noLines")}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing={6} data-testid="order-lines">
            <TableHead
              columns={[
                t("orders.form.product"),
                t("orders.form.quantity"),
                t("orders.form.unitPrice"),
                t("orders.form.lineTotal"),
                "",
              ]}
            />
            <Table.Tbody>
              {lines.map((l, i) => (
                <Table.Tr key={l.key} data-testid="order-line">
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {l.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {l.sku}
                    </Text>
                    {lineError(error, i) && (
                      <Text size="xs" c="red" data-testid="line-error">
                        {lineError(error, i)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td w={100}>
                    <NumberInput
                      aria-label={`${t("orders.form.quantity")} ${l.name}`}
                      value={l.quantity}
                      onChange={(v) => set(l.key, { quantity: typeof v === "number" ? v : 0 })}
                      min={1}
                      max={100_000}
                      allowDecimal={false}
                      allowNegative={false}
                      error={fieldError(error, `lines.${i}.quantity`)}
                      data-testid="line-quantity"
                    />
                  </Table.Td>
                  <Table.Td w={160}>
                    <NumberInput
                      aria-label={`${t("orders.form.unitPrice")} ${l.name}`}
                      value={l.unitPrice}
                      onChange={(v) => set(l.key, { unitPrice: typeof v === "number" ? v : 0 })}
                      {...RUPIAH_INPUT}
                      error={fieldError(error, `lines.${i}.unitPrice`)}
                      data-testid="line-price"
                    />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ whiteSpace: "nowrap" }} data-testid="line-total">
                      {formatRupiah(l.quantity * l.unitPrice)}
                    </Text>
                  </Table.Td>
                  <Table.Td w={40}>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t("orders.form.removeLine", { name: l.name })}
                      onClick={() => onChange(lines.filter((x) => x.key !== l.key))}
                    >
                      ×
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {whole && !lines.some((_, i) => fieldError(error, `lines.${i}`)) && (
        <Alert color="red" p="xs" data-testid="lines-error">
          {whole}
        </Alert>
      )}
      <ProductSelect
        placeholder={t("orders.form.addProduct")}
        value={null}
        onChange={(p) => p && onChange([...lines, lineOf(p)])}
        w={360}
        data-testid="add-product"
      />
    </Stack>
  );
}

/** An error of line `i` not about its quantity or price (the product itself: productId, sku). */
function lineError(error: unknown, i: number): string | undefined {
  return fieldError(error, `lines.${i}.productId`, `lines.${i}.sku`) ?? exact(error, `lines.${i}`);
}

function exact(error: unknown, key: string): string | undefined {
  return error instanceof ApiError ? error.fields[key] : undefined;
}
