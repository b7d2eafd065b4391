import { Button, Group, MultiSelect, Select, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  ORDER_STATUSES,
  PAYMENT_METHODS,
  type OrderFilters,
  type OrderStatus,
  type PaymentMethod,
} from "../../api/orders";
import { OutletPicker } from "../../components/OutletPicker";
import { ProductSelect } from "./ProductSelect";

interface Props {
  filters: OrderFilters;
  onChange: (patch: Partial<OrderFilters>) => void;
  /** Shown (and `onClear` offered) when some filter is set. */
  active: boolean;
  onClear: () => void;
}

/**
 * The order list's filters: search (debounced), statuses, payment, a range of the shop's days
 * (`from`/`to` as YYYY-MM-DD; the server reads them in the shop's zone), one product, and
 * one outlet (only with two outlets or more).
 */
export function OrderFiltersBar({ filters, onChange, active, onClear }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState(filters.search);
  const [debounced] = useDebouncedValue(search.trim(), 300);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the debounced search settles, not when the filters or callback change
  useEffect(() => {
    if (debounced !== filters.search) onChange({ search: debounced });
  }, [debounced]);
  // Clearing the filters empties the box too.
  useEffect(() => {
    if (filters.search === "") setSearch("");
  }, [filters.search]);

  return (
    <Group gap="sm" align="flex-end" wrap="wrap" mb="md" data-testid="order-filters">
      <TextInput
        placeholder={t("orders.filter.search")}
        aria-label={t("orders.filter.search")}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        w={280}
        maw="100%"
        data-testid="order-search"
      />
      <MultiSelect
        aria-label={t("orders.filter.status")}
        placeholder={filters.status.length ? undefined : t("orders.filter.status")}
        data={ORDER_STATUSES.map((s) => ({ value: s, label: t(`orders.status.${s}`) }))}
        value={filters.status}
        onChange={(v) => onChange({ status: v as OrderStatus[] })}
        clearable
        w={240}
        maw="100%"
        data-testid="filter-status"
      />
      <Select
        aria-label={t("orders.filter.payment")}
        placeholder={t("orders.filter.payment")}
        data={PAYMENT_METHODS.map((p) => ({ value: p, label: t(`orders.payment.${p}`) }))}
        value={filters.paymentMethod || null}
        onChange={(v) => onChange({ paymentMethod: (v ?? "") as PaymentMethod | "" })}
        clearable
        w={190}
        data-testid="filter-payment"
      />
      <Group gap={4} wrap="nowrap" data-testid="filter-days">
        <TextInput
          type="date"
          aria-label={t("orders.filter.from")}
          title={t("orders.filter.from")}
          value={filters.from}
          max={filters.to || undefined}
          onChange={(e) => onChange({ from: e.currentTarget.value })}
          w={150}
          data-testid="filter-from"
        />
        <Text size="sm" c="dimmed">
          –
        </Text>
        <TextInput
          type="date"
          aria-label={t("orders.filter.to")}
          title={t("orders.filter.to")}
          value={filters.to}
          min={filters.from || undefined}
          onChange={(e) => onChange({ to: e.currentTarget.value })}
          w={150}
          data-testid="filter-to"
        />
      </Group>
      <ProductSelect
        label={undefined}
        placeholder={t("orders.filter.product")}
        value={filters.productId || null}
        onChange={(p) => onChange({ productId: p?.id ?? "" })}
        w={220}
        data-testid="filter-product"
      />
      <OutletPicker
        all
        value={filters.outletId || null}
        onChange={(id) => onChange({ outletId: id ?? "" })}
        testId="filter-outlet"
      />
      {active && (
        <Button variant="subtle" onClick={onClear} data-testid="clear-filters">
          {t("orders.filter.clear")}
        </Button>
      )}
    </Group>
  );
}
