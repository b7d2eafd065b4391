import { Select } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useProductSearch, type Product } from "../../api/orders";
import { formatRupiah } from "../../lib/rupiah";

interface Props {
  label?: string;
  placeholder: string;
  /** The chosen product's id (null: none). */
  value: string | null;
  onChange: (product: Product | null) => void;
  w?: number | string;
  "data-testid"?: string;
}

/**
 * A searchable pick of one active product of the catalogue (the server searches name and SKU,
 * GET /products?search=&active=true); each option shows its SKU and price.
 */
export function ProductSelect({ label, placeholder, value, onChange, w, ...rest }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const products = useProductSearch(debounced);
  // Products seen so far, so the chosen one keeps its label when a new search no longer lists it.
  const seen = useRef(new Map<string, Product>());
  for (const p of products.data?.items ?? []) seen.current.set(p.id, p);
  const items = products.data?.items ?? [];
  const chosen = value ? seen.current.get(value) : undefined;
  const data = [...(chosen && !items.some((p) => p.id === chosen.id) ? [chosen] : []), ...items].map((p) => ({
    value: p.id,
    label: `${p.name} · ${p.sku} · ${formatRupiah(p.price)}`,
  }));
  return (
    <Select
      label={label}
      aria-label={label ?? placeholder}
      placeholder={placeholder}
      data={data}
      value={value}
      searchable
      clearable
      searchValue={search}
      onSearchChange={setSearch}
      // The server has searched already.
      filter={({ options }) => options}
      nothingFoundMessage={t("orders.form.noProduct")}
      onChange={(id) => onChange(id ? (seen.current.get(id) ?? null) : null)}
      w={w}
      maw="100%"
      data-testid={rest["data-testid"]}
    />
  );
}
