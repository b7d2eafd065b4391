import { Button, Group, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { api, fieldError } from "../../api/client";
import { useContacts } from "../../api/contacts";
import { keys } from "../../api/keys";
import type { Contact } from "../../api/types";
import { formatPhone } from "../../lib/phone";

/**
 * The customer of a new order: an existing contact (`contactId`), or a phone and a name
 * typed in (the server finds or creates the contact by the phone).
 */
export interface CustomerDraft {
  mode: "existing" | "new";
  contactId: string;
  phone: string;
  name: string;
}

interface Props {
  value: CustomerDraft;
  onChange: (patch: Partial<CustomerDraft>) => void;
  error: unknown;
  /** The order comes from an inbox conversation: its contact is fixed. */
  fromConversation: boolean;
  /** Saving was tried without a customer: say so under the search or the phone. */
  missing: boolean;
}

/** Pick a contact by name or phone (GET /contacts?search=), or type a new customer's phone and name. */
export function CustomerFields({ value, onChange, error, fromConversation, missing }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const contacts = useContacts(debounced, 1);
  const chosen = useQuery({
    queryKey: keys.contact(value.contactId),
    queryFn: () => api<Contact>("GET", `/contacts/${value.contactId}`),
    enabled: value.contactId !== "",
  });
  const missingText = missing ? t("orders.form.pickCustomer") : undefined;
  const contactError = fieldError(error, "customer.contactId", "customer") ?? missingText;

  if (value.mode === "existing" && value.contactId && (fromConversation || chosen.data)) {
    const c = chosen.data;
    return (
      <Group justify="space-between" wrap="nowrap" data-testid="order-customer">
        <Stack gap={0}>
          <Text fw={600}>{c ? (c.name ?? formatPhone(c.phone)) : "…"}</Text>
          {c?.name && (
            <Text size="xs" c="dimmed">
              {formatPhone(c.phone)}
            </Text>
          )}
          {fromConversation && (
            <Text size="xs" c="dimmed">
              {t("orders.form.fromInbox")}
            </Text>
          )}
          {contactError && (
            <Text size="xs" c="red">
              {contactError}
            </Text>
          )}
        </Stack>
        {!fromConversation && (
          <Button
            variant="subtle"
            size="xs"
            onClick={() => onChange({ contactId: "" })}
            data-testid="change-customer"
          >
            {t("orders.form.change")}
          </Button>
        )}
      </Group>
    );
  }

  return (
    <Stack gap="sm">
      <SegmentedControl
        value={value.mode}
        onChange={(v) => onChange({ mode: v as CustomerDraft["mode"] })}
        data={[
          { value: "existing", label: t("orders.form.existing") },
          { value: "new", label: t("orders.form.newCustomer") },
        ]}
        data-testid="customer-mode"
      />
      {value.mode === "existing" ? (
        <Select
          aria-label={t("orders.form.findContact")}
          placeholder={t("orders.form.findContact")}
          data={(contacts.data?.items ?? []).map((c) => ({
            value: c.id,
            label: c.name ? `${c.name} · ${formatPhone(c.phone)}` : formatPhone(c.phone),
          }))}
          value={null}
          searchable
          searchValue={search}
          onSearchChange={setSearch}
          filter={({ options }) => options}
          nothingFoundMessage={t("orders.form.noContact")}
          onChange={(id) => id && onChange({ contactId: id })}
          error={contactError}
          data-testid="customer-search"
        />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t("orders.form.phone")}
            placeholder={t("orders.form.phonePlaceholder")}
            value={value.phone}
            onChange={(e) => onChange({ phone: e.currentTarget.value })}
            inputMode="tel"
            required
            error={fieldError(error, "customer.phone") ?? (value.phone.trim() ? undefined : missingText)}
            data-testid="customer-phone"
          />
          <TextInput
            label={t("orders.form.name")}
            value={value.name}
            onChange={(e) => onChange({ name: e.currentTarget.value })}
            maxLength={200}
            error={fieldError(error, "customer.name")}
            data-testid="customer-name"
          />
        </SimpleGrid>
      )}
    </Stack>
  );
}

/** The `customer` of a create body. */
export function customerBody(c: CustomerDraft): { contactId?: string; phone?: string; name?: string } {
  if (c.mode === "existing") return { contactId: c.contactId };
  const name = c.name.trim();
  return { phone: c.phone.trim(), ...(name ? { name } : {}) };
}

/** Whether a customer is given: a picked contact, or a typed phone. */
export const hasCustomer = (c: CustomerDraft) =>
  c.mode === "existing" ? c.contactId !== "" : c.phone.trim() !== "";
