import { Anchor, Button, Group, Switch, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import { useDeleteProduct, useSaveProduct, type Product } from "../../api/products";
import { useCan } from "../../api/session";
import { ConfirmButton } from "../../components/ConfirmButton";
import { formatRupiah } from "../../lib/rupiah";

interface Props {
  products: Product[];
  onEdit: (p: Product) => void;
}

/**
 * The catalogue's rows: SKU, name, price in rupiah, category, interval, active switch; edit
 * and the switch with `products.update`, delete with `products.delete`.
 */
export function ProductTable({ products, onEdit }: Props) {
  const { t } = useTranslation();
  const can = useCan();
  const may = { update: can("products.update"), delete: can("products.delete") };
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table highlightOnHover verticalSpacing="sm" data-testid="products-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("products.sku")}</Table.Th>
            <Table.Th>{t("products.name")}</Table.Th>
            <Table.Th ta="right">{t("products.price")}</Table.Th>
            <Table.Th>{t("products.category")}</Table.Th>
            <Table.Th>{t("products.interval")}</Table.Th>
            <Table.Th>{t("products.active")}</Table.Th>
            {(may.update || may.delete) && <Table.Th />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {products.map((p) => (
            <ProductRow key={p.id} product={p} may={may} onEdit={onEdit} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function ProductRow({
  product: p,
  may,
  onEdit,
}: {
  product: Product;
  may: { update: boolean; delete: boolean };
  onEdit: (p: Product) => void;
}) {
  const { t } = useTranslation();
  const save = useSaveProduct(p.id);
  const remove = useDeleteProduct();
  return (
    <Table.Tr data-testid="product-row">
      <Table.Td>
        <Text size="sm" ff="monospace">
          {p.sku}
        </Text>
      </Table.Td>
      <Table.Td>
        {may.update ? (
          <Anchor component="button" type="button" fw={500} size="sm" onClick={() => onEdit(p)}>
            {p.name}
          </Anchor>
        ) : (
          <Text size="sm" fw={500}>
            {p.name}
          </Text>
        )}
      </Table.Td>
      <Table.Td ta="right">
        <Text size="sm">{formatRupiah(p.price)}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{p.category ?? "—"}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{p.consumptionDays ? t("products.days", { count: p.consumptionDays }) : "—"}</Text>
      </Table.Td>
      <Table.Td>
        <Switch
          checked={save.isPending ? !p.active : p.active}
          disabled={!may.update || save.isPending}
          aria-label={t("products.activeToggle", { name: p.name })}
          onChange={(e) =>
            save.mutate(
              { active: e.currentTarget.checked },
              { onError: (err) => notifications.show({ color: "red", message: errorMessage(err) }) },
            )
          }
        />
      </Table.Td>
      {(may.update || may.delete) && (
        <Table.Td ta="right">
          <Group gap={4} justify="flex-end" wrap="nowrap">
            {may.update && (
              <Button size="xs" variant="subtle" onClick={() => onEdit(p)}>
                {t("products.edit")}
              </Button>
            )}
            {may.delete && (
              <ConfirmButton
                size="xs"
                variant="subtle"
                color="red"
                title={t("products.deleteTitle")}
                message={t("products.deleteConfirm", { name: p.name })}
                confirmLabel={t("products.delete")}
                loading={remove.isPending}
                onConfirm={() =>
                  remove.mutate(p.id, {
                    onSuccess: () =>
                      notifications.show({ color: "teal", message: t("products.deleted", { name: p.name }) }),
                    onError: (e) => notifications.show({ color: "red", message: errorMessage(e) }),
                  })
                }
                data-testid="product-delete"
              >
                {t("products.delete")}
              </ConfirmButton>
            )}
          </Group>
        </Table.Td>
      )}
    </Table.Tr>
  );
}
