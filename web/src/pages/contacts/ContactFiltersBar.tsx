import { Button, Group, Select, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useAttributeKeys, useLabels, type ContactFilters } from "../../api/contacts";
import { useSegments } from "../../api/segments";

interface Props {
  filters: ContactFilters;
  onChange: (patch: Partial<ContactFilters>) => void;
  active: boolean;
}

/** Search (debounced), label, opt-out and attribute filters of the contact list. */
export function ContactFiltersBar({ filters, onChange, active }: Props) {
  const { t } = useTranslation();
  const labels = useLabels();
  const attributes = useAttributeKeys();
  const segments = useSegments();
  const [search, setSearch] = useState(filters.search);
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [value, setValue] = useState(filters.attributeValue);
  const [debouncedValue] = useDebouncedValue(value.trim(), 300);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the debounced search settles, not when the filters or callback change
  useEffect(() => {
    if (debounced !== filters.search) onChange({ search: debounced });
  }, [debounced]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the debounced value settles, not when the filters or callback change
  useEffect(() => {
    if (debouncedValue !== filters.attributeValue) onChange({ attributeValue: debouncedValue });
  }, [debouncedValue]);

  return (
    <Group gap="sm" align="flex-end" wrap="wrap" data-testid="contact-filters">
      <TextInput
        placeholder={t("contacts.search")}
        aria-label={t("contacts.search")}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        w={260}
        maw="100%"
        data-testid="contact-search"
      />
      <Select
        aria-label={t("contacts.filter.label")}
        placeholder={t("contacts.filter.label")}
        data={(labels.data ?? []).map((l) => ({ value: l.label, label: `${l.label} (${l.count})` }))}
        value={filters.label || null}
        onChange={(v) => onChange({ label: v ?? "" })}
        clearable
        searchable
        w={200}
        data-testid="filter-label"
      />
      <Select
        aria-label={t("contacts.filter.optOut")}
        data={[
          { value: "false", label: t("contacts.filter.subscribed") },
          { value: "true", label: t("contacts.optedOut") },
        ]}
        placeholder={t("contacts.filter.optOut")}
        value={filters.optedOut || null}
        onChange={(v) => onChange({ optedOut: (v ?? "") as ContactFilters["optedOut"] })}
        clearable
        w={190}
        data-testid="filter-opt-out"
      />
      <Select
        aria-label={t("segments.filter")}
        placeholder={t("segments.filter")}
        data={(segments.data?.segments ?? [])
          .filter((s) => s.customers > 0 || s.segment === filters.segment)
          .map((s) => ({ value: s.segment, label: `${t(`segments.name.${s.segment}`)} (${s.customers})` }))}
        value={filters.segment || null}
        onChange={(v) => onChange({ segment: v ?? "" })}
        clearable
        w={190}
        data-testid="filter-segment"
      />
      <Select
        aria-label={t("contacts.filter.attribute")}
        placeholder={t("contacts.filter.attribute")}
        data={(attributes.data ?? []).map((a) => ({ value: a.key, label: `${a.key} (${a.count})` }))}
        value={filters.attribute || null}
        onChange={(v) => {
          setValue("");
          onChange({ attribute: v ?? "" });
        }}
        clearable
        searchable
        w={180}
        data-testid="filter-attribute"
      />
      {filters.attribute && (
        <TextInput
          aria-label={t("contacts.filter.attributeValue")}
          placeholder={t("contacts.filter.attributeValue")}
          value={value}
          onChange={(e) => setValue(e.currentTarget.value)}
          w={180}
          data-testid="filter-attribute-value"
        />
      )}
      {active && (
        <Button
          variant="subtle"
          onClick={() => {
            setSearch("");
            setValue("");
            onChange({ search: "", label: "", optedOut: "", attribute: "", attributeValue: "" });
          }}
        >
          {t("contacts.filter.clear")}
        </Button>
      )}
    </Group>
  );
}
