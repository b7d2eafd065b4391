import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCampaigns } from '../api/campaigns';
import { useContacts } from '../api/contacts';
import { useChannels } from '../api/session';
import { PageHeader } from '../components/PageHeader';
import { QueryState } from '../components/QueryState';
import { useFormat } from '../lib/useFormat';
import { CampaignTable } from './campaigns/CampaignListPage';

/** A first look: how many contacts, campaigns and numbers, and the latest campaigns. */
export function DashboardPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const contacts = useContacts('', 1);
  const campaigns = useCampaigns();
  const channels = useChannels();
  const running = campaigns.data?.filter((c) => c.status === 'running').length;
  return (
    <Stack gap="lg">
      <PageHeader title={t('nav.dashboard')} />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Stat label={t('dashboard.contacts')} value={contacts.data ? f.number(contacts.data.total) : '…'} to="/contacts" testId="stat-contacts" />
        <Stat label={t('dashboard.campaigns')} value={campaigns.data ? f.number(campaigns.data.length) : '…'} hint={running ? t('dashboard.running', { n: running }) : undefined} to="/campaigns" testId="stat-campaigns" />
        <Paper withBorder p="md" radius="md">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {t('dashboard.numbers')}
          </Text>
          <Stack gap={4} mt="xs">
            {(channels.data ?? []).map((c) => (
              <div key={c.id}>
                <Text size="sm">{c.name}</Text>
                <Group gap="xs">
                  <Text size="xs" c="dimmed" ff="monospace">
                    {c.phone ?? ''}
                  </Text>
                  <Badge variant="dot" size="sm" color={c.status === 'connected' ? 'teal' : 'red'}>
                    {t(`channelStatus.${c.status}`)}
                  </Badge>
                </Group>
              </div>
            ))}
          </Stack>
        </Paper>
      </SimpleGrid>
      <Paper withBorder p="md" radius="md">
        <Text fw={500} mb="sm">
          {t('dashboard.latest')}
        </Text>
        <QueryState query={campaigns} empty={t('campaigns.empty')} isEmpty={(list) => list.length === 0}>
          {(list) => <CampaignTable campaigns={list.slice(0, 5)} />}
        </QueryState>
      </Paper>
    </Stack>
  );
}

function Stat({ label, value, hint, to, testId }: { label: string; value: string; hint?: string; to: string; testId: string }) {
  return (
    <Paper withBorder p="md" radius="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Anchor component={Link} to={to} size="xl" fw={700} c="dark" data-testid={testId}>
        {value}
      </Anchor>
      {hint && (
        <Text size="xs" c="blue">
          {hint}
        </Text>
      )}
    </Paper>
  );
}
