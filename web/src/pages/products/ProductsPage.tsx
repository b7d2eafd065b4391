import { Button, Group, Menu, Pagination, Paper, Select, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue, useDisclosure } from "@mantine/hooks";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { productExportUrl, useProductCategories, useProducts, type Product } from "../../api/products";
import { useCan } from "../../api/session";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { ImportDialog } from "./ImportDialog";
import { ProductFormModal } from "./ProductFormModal";
import { ProductTable } from "./ProductTable";

const PAGE_SIZE = 50;

/**
 * The shop's catalogue: search, category filter, the product table; adding, editing,
 * deleting, switching products on and off, importing and exporting each show with the
 * permission its route needs.
 */
export function ProductsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [search, setSearch] = useState("");
  const [category, setCategory] = useState("");
  const [page, setPage] = useState(1);
  const [debounced] = useDebouncedValue(search, 300);
  const query = useProducts({ search: debounced, category }, page);
  const categories = useProductCategories();
  const [editing, setEditing] = useState<Product | null>(null);
  const [formOpen, form] = useDisclosure(false);
  const [importOpen, importer] = useDisclosure(false);
  const filtered = debounced.trim() !== "" || category !== "";
  const openAdd = () => {
    setEditing(null);
    form.open();
  };
  const openEdit = (p: Product) => {
    setEditing(p);
    form.open();
  };
  return (
    <>
      <PageHeader title={t("products.title")}>
        {can("products.export") && (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button variant="default" data-testid="products-export">
                {t("products.export.button")}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item component="a" href={productExportUrl("csv")} download>
                {t("products.export.csv")}
              </Menu.Item>
              <Menu.Item component="a" href={productExportUrl("xlsx")} download>
                {t("products.export.xlsx")}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        )}
        {can("products.import") && (
          <Button variant="default" onClick={importer.open} data-testid="products-import">
            {t("products.import")}
          </Button>
        )}
        {can("products.create") && (
          <Button onClick={openAdd} data-testid="product-add">
            {t("products.add")}
          </Button>
        )}
      </PageHeader>
      <Text c="dimmed" size="sm" mb="md">
        {t("products.intro")}
      </Text>
      <Group mb="md" gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          placeholder={t("products.search")}
          aria-label={t("products.search")}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setPage(1);
          }}
          w={{ base: "100%", sm: 280 }}
          data-testid="product-search"
        />
        <Select
          aria-label={t("products.category")}
          placeholder={t("products.allCategories")}
          data={(categories.data ?? []).map((c) => ({
            value: c.category,
            label: `${c.category} (${c.count})`,
          }))}
          value={category || null}
          onChange={(v) => {
            setCategory(v ?? "");
            setPage(1);
          }}
          clearable
          w={{ base: "100%", sm: 240 }}
          data-testid="product-category-filter"
        />
      </Group>
      <Paper withBorder radius="md" p="md">
        <QueryState
          query={query}
          isEmpty={(p) => p.total === 0}
          empty={
            filtered ? (
              <Text c="dimmed" ta="center" py="lg">
                {t("products.noMatch")}
              </Text>
            ) : (
              <Stack align="center" py="lg" gap="sm" data-testid="products-empty">
                <Text c="dimmed" ta="center">
                  {t("products.empty")}
                </Text>
                <Group gap="xs">
                  {can("products.create") && <Button onClick={openAdd}>{t("products.add")}</Button>}
                  {can("products.import") && (
                    <Button variant="default" onClick={importer.open}>
                      {t("products.import")}
                    </Button>
                  )}
                </Group>
              </Stack>
            )
          }
        >
          {(data) => (
            <Stack gap="sm">
              <Text size="sm" c="dimmed">
                {t("products.count", { count: data.total })}
              </Text>
              <ProductTable products={data.items} onEdit={openEdit} />
              {data.total > PAGE_SIZE && (
                <Group justify="center">
                  <Pagination total={Math.ceil(data.total / PAGE_SIZE)} value={page} onChange={setPage} />
                </Group>
              )}
            </Stack>
          )}
        </QueryState>
      </Paper>
      <ProductFormModal opened={formOpen} onClose={form.close} product={editing} />
      <ImportDialog opened={importOpen} onClose={importer.close} />
    </>
  );
}
