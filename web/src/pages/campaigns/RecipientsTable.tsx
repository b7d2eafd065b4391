import { Anchor, Badge, Group, Pagination, Select, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RECIPIENTS_PAGE_SIZE, useRecipients } from '../../api/campaigns';
import { RECIPIENT_STATUSES, type Campaign, type Recipient, type RecipientStatus } from '../../api/types';
import { QueryState } from '../../components/QueryState';
import { RecipientStatusBadge } from '../../components/StatusBadge';
import { failureText } from '../../lib/reasons';
import { useFormat } from '../../lib/useFormat';

interface Props {
  campaign: Campaign;
  /** Link phones to the sandbox phone page (sandbox channels). */
  sandbox: boolean;
  status: RecipientStatus | null;
  onStatus: (s: RecipientStatus | null) => void;
  page: number;
  onPage: (p: number) => void;
}

/** The per-recipient report: one page at a time, filtered by state, with failure reasons. */
export function RecipientsTable({ campaign, sandbox, status, onStatus, page, onPage }: Props) {
  const { t } = useTranslation();
  const query = useRecipients(campaign.id, status, page);
  const total = status ? campaign.counts[status] : campaign.counts.total;
  const pages = Math.max(1, Math.ceil(total / RECIPIENTS_PAGE_SIZE));
  return (
    <>
      <Group justify="space-between" mb="sm">
        <Text fw={500}>{t('recipients.title')}</Text>
        <Select
          aria-label={t('recipients.filter')}
          size="xs"
          w={200}
          value={status ?? 'all'}
          onChange={(v) => onStatus(v && v !== 'all' ? (v as RecipientStatus) : null)}
          data={[{ value: 'all', label: t('recipients.all') }, ...RECIPIENT_STATUSES.map((s) => ({ value: s, label: `${t(`recipientStatus.${s}`)} (${campaign.counts[s]})` }))]}
          data-testid="recipient-filter"
          allowDeselect={false}
        />
      </Group>
      <QueryState query={query} empty={campaign.status === 'draft' ? t('recipients.emptyDraft') : t('recipients.empty')} isEmpty={(rows) => rows.length === 0}>
        {(rows) => (
          <Table.ScrollContainer minWidth={640}>
            <Table striped highlightOnHover verticalSpacing="xs" data-testid="recipients-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('recipients.customer')}</Table.Th>
                  <Table.Th>{t('recipients.status')}</Table.Th>
                  <Table.Th>{t('recipients.updated')}</Table.Th>
                  <Table.Th>{t('recipients.reason')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <RecipientRow key={r.id} r={r} sandbox={sandbox} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
      {pages > 1 && <Pagination mt="md" total={pages} value={page} onChange={onPage} size="sm" />}
    </>
  );
}

function RecipientRow({ r, sandbox }: { r: Recipient; sandbox: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const last = r.readAt ?? r.deliveredAt ?? r.sentAt;
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm">{r.name ?? '—'}</Text>
        {sandbox ? (
          <Anchor component={Link} to={`/sandbox/${encodeURIComponent(r.phone)}`} size="xs" data-testid="recipient-phone">
            {r.phone}
          </Anchor>
        ) : (
          <Text size="xs" c="dimmed">
            {r.phone}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          <RecipientStatusBadge status={r.status} />
          {r.repliedAt && (
            <Badge color="indigo" variant="outline" size="sm">
              {t('campaign.replied')}
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td>
        <Text size="xs" style={{ whiteSpace: 'nowrap' }}>
          {last ? f.dateTime(last) : '—'}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="xs" c={r.status === 'failed' ? 'red' : 'dimmed'}>
          {failureText(t, r.failureCode, r.failureReason)}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}
