import { Badge, Group, Pagination, Paper, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTACTS_PAGE_SIZE, useContacts } from '../../api/contacts';
import type { Contact } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { useFormat } from '../../lib/useFormat';

/** Contacts, searched and paginated by the server. */
export function ContactsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [page, setPage] = useState(1);
  const query = useContacts(debounced, page);
  const pages = query.data ? Math.max(1, Math.ceil(query.data.total / CONTACTS_PAGE_SIZE)) : 1;
  return (
    <>
      <PageHeader title={t('nav.contacts')} />
      <Paper withBorder radius="md" p="md">
        <Group justify="space-between" mb="md">
          <TextInput
            placeholder={t('contacts.search')}
            aria-label={t('contacts.search')}
            value={search}
            onChange={(e) => {
              setSearch(e.currentTarget.value);
              setPage(1);
            }}
            w={320}
            maw="100%"
            data-testid="contact-search"
          />
          {query.data && (
            <Text size="sm" c="dimmed" data-testid="contact-total">
              {t('contacts.total', { count: query.data.total, n: f.number(query.data.total) })}
            </Text>
          )}
        </Group>
        <QueryState query={query} empty={debounced ? t('contacts.noMatch') : t('contacts.empty')} isEmpty={(p) => p.items.length === 0}>
          {(p) => <ContactTable contacts={p.items} />}
        </QueryState>
        {pages > 1 && <Pagination mt="md" total={pages} value={page} onChange={setPage} size="sm" />}
      </Paper>
    </>
  );
}

function ContactTable({ contacts }: { contacts: Contact[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table striped highlightOnHover data-testid="contacts-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('contacts.name')}</Table.Th>
            <Table.Th>{t('contacts.phone')}</Table.Th>
            <Table.Th>{t('contacts.labels')}</Table.Th>
            <Table.Th>{t('contacts.added')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {contacts.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>
                <Group gap={6}>
                  <Text size="sm">{c.name ?? '—'}</Text>
                  {c.optedOut && (
                    <Badge color="red" variant="light" size="xs">
                      {t('contacts.optedOut')}
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {c.phone}
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {c.labels.map((l) => (
                    <Badge key={l} variant="outline" size="sm" tt="none">
                      {l}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="xs">{f.dateTime(c.createdAt)}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
