import { Button, Group, Pagination, Paper, Stack, Text } from "@mantine/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { CONTACTS_PAGE_SIZE, useContacts } from "../../api/contacts";
import { useCan } from "../../api/session";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { useFormat } from "../../lib/useFormat";
import { BulkBar } from "./BulkBar";
import { ContactFiltersBar } from "./ContactFiltersBar";
import { ContactTable } from "./ContactTable";
import { ExportMenu } from "./ExportMenu";
import { useContactFilters } from "./useContactFilters";

/** Contacts: filtered and paginated by the server, selected for bulk actions, imported and exported. */
export function ContactsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const can = useCan();
  const { filters, page, setFilters, setPage, active } = useContactFilters();
  const query = useContacts(filters, page);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const filterKey = JSON.stringify(filters);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the selection is cleared whenever the filters change (filterKey is their identity)
  useEffect(() => setSelected(new Set()), [filterKey]);
  const pages = query.data ? Math.max(1, Math.ceil(query.data.total / CONTACTS_PAGE_SIZE)) : 1;

  const select = (ids: string[], on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });

  return (
    <>
      <PageHeader title={t("nav.contacts")}>
        {can("contacts.import") && (
          <Button component={Link} to="/contacts/import" data-testid="import-contacts">
            {t("contacts.import.open")}
          </Button>
        )}
        {can("contacts.export") && <ExportMenu filters={filters} />}
      </PageHeader>
      <Paper withBorder radius="md" p="md">
        <Stack gap="md">
          <Group justify="space-between" align="flex-end">
            <ContactFiltersBar filters={filters} onChange={setFilters} active={active} />
            {query.data && (
              <Text size="sm" c="dimmed" data-testid="contact-total">
                {t("contacts.total", { count: query.data.total, n: f.number(query.data.total) })}
              </Text>
            )}
          </Group>
          {selected.size > 0 && <BulkBar ids={[...selected]} onDone={() => setSelected(new Set())} />}
          <QueryState
            query={query}
            empty={active ? t("contacts.noMatch") : t("contacts.empty")}
            isEmpty={(p) => p.items.length === 0}
          >
            {(p) => <ContactTable contacts={p.items} selected={selected} onSelect={select} />}
          </QueryState>
          {pages > 1 && <Pagination total={pages} value={page} onChange={setPage} size="sm" />}
        </Stack>
      </Paper>
    </>
  );
}
