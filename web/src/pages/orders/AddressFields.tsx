import { Select, SimpleGrid, Stack, TextInput, Textarea } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { fieldError } from "../../api/client";
import { useProvinces } from "../../api/orders";

/** The shipping address being edited; empty strings are "not given". `province` is a province code. */
export interface AddressDraft {
  address: string;
  province: string;
  city: string;
}

interface Props {
  value: AddressDraft;
  onChange: (patch: Partial<AddressDraft>) => void;
  /** A failed save: its field errors show under the fields they name. */
  error: unknown;
}

/** Address, province (Indonesia's 38, from GET /provinces) and city of an order. */
export function AddressFields({ value, onChange, error }: Props) {
  const { t } = useTranslation();
  const provinces = useProvinces();
  return (
    <Stack gap="sm">
      <Textarea
        label={t("orders.form.address")}
        value={value.address}
        onChange={(e) => onChange({ address: e.currentTarget.value })}
        autosize
        minRows={2}
        maxLength={1000}
        error={fieldError(error, "address")}
        data-testid="order-address"
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Select
          label={t("orders.form.province")}
          data={(provinces.data ?? []).map((p) => ({ value: p.code, label: p.name }))}
          value={value.province || null}
          onChange={(v) => onChange({ province: v ?? "" })}
          searchable
          clearable
          error={fieldError(error, "province")}
          data-testid="order-province"
        />
        <TextInput
          label={t("orders.form.city")}
          value={value.city}
          onChange={(e) => onChange({ city: e.currentTarget.value })}
          maxLength={100}
          error={fieldError(error, "city")}
          data-testid="order-city"
        />
      </SimpleGrid>
    </Stack>
  );
}

/** The address fields of a create or edit body: trimmed, empty ones as null. */
export function addressBody(a: AddressDraft): {
  address: string | null;
  province: string | null;
  city: string | null;
} {
  return { address: a.address.trim() || null, province: a.province || null, city: a.city.trim() || null };
}
