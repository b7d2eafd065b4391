import { Alert, Button, Grid, Group, MultiSelect, Paper, SegmentedControl, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { DraftNotStarted, useCreateCampaign, type NewCampaign } from '../../api/campaigns';
import { errorMessage, fieldError } from '../../api/client';
import { useLabels } from '../../api/contacts';
import { useChannels } from '../../api/session';
import { ConfirmButton } from '../../components/ConfirmButton';
import { PageHeader } from '../../components/PageHeader';
import { MessagePreview } from './MessagePreview';

/** Template syntax shown in hints (passed as values so i18next does not read it as its own). */
const TEMPLATE_SYNTAX = { nameVar: '{{name}}', fallbackVar: '{{name|kak}}', spinVar: '{Halo|Hai}' };

/** A minimal campaign form: name, number, audience (labels or all), message with a live preview. */
export function NewCampaignPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const channels = useChannels();
  const labels = useLabels();
  const create = useCreateCampaign();
  const [name, setName] = useState('');
  const [channelId, setChannelId] = useState<string | null>(null);
  const [audienceType, setAudienceType] = useState<'labels' | 'all'>('labels');
  const [chosenLabels, setChosenLabels] = useState<string[]>([]);
  const [body, setBody] = useState('');
  const [previewBody] = useDebouncedValue(body, 400);

  const channel = channelId ?? channels.data?.[0]?.id ?? null;
  const input: NewCampaign = {
    name: name.trim(),
    channelId: channel ?? '',
    body,
    audience: audienceType === 'all' ? { type: 'all' } : { type: 'labels', labels: chosenLabels },
  };
  const submit = (start: boolean) =>
    create.mutate(
      { input, start },
      {
        onSuccess: (c) => {
          notifications.show({ color: 'teal', message: t(start ? 'newCampaign.started' : 'newCampaign.saved', { name: c.name }) });
          void navigate(`/campaigns/${c.id}`);
        },
        onError: (e) => {
          if (!(e instanceof DraftNotStarted)) return; // shown on the form
          notifications.show({ color: 'red', title: t('newCampaign.notStarted'), message: e.message });
          void navigate(`/campaigns/${e.draft.id}`);
        },
      },
    );
  const err = create.error;
  const generalError = err && !Object.keys((err as { fields?: object }).fields ?? {}).length ? errorMessage(err) : null;

  return (
    <>
      <PageHeader title={t('newCampaign.title')} />
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Paper withBorder p="md" radius="md">
            <Stack>
              {generalError && (
                <Alert color="red" role="alert">
                  {generalError}
                </Alert>
              )}
              <TextInput label={t('newCampaign.name')} placeholder={t('newCampaign.namePlaceholder')} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldError(err, 'name')} data-testid="campaign-name-input" />
              <Select
                label={t('newCampaign.channel')}
                required
                value={channel}
                onChange={setChannelId}
                data={(channels.data ?? []).map((c) => ({ value: c.id, label: c.phone ? `${c.name} (${c.phone})` : c.name }))}
                error={fieldError(err, 'channelId') ?? (channels.isError ? errorMessage(channels.error) : undefined)}
                allowDeselect={false}
              />
              <div>
                <Text size="sm" fw={500} mb={4}>
                  {t('newCampaign.audience')}
                </Text>
                <SegmentedControl
                  value={audienceType}
                  onChange={(v) => setAudienceType(v as 'labels' | 'all')}
                  data={[
                    { value: 'labels', label: t('newCampaign.byLabel') },
                    { value: 'all', label: t('newCampaign.allContacts') },
                  ]}
                />
              </div>
              {audienceType === 'labels' && (
                <MultiSelect
                  label={t('newCampaign.labels')}
                  placeholder={t('newCampaign.labelsPlaceholder')}
                  searchable
                  value={chosenLabels}
                  onChange={setChosenLabels}
                  data={(labels.data ?? []).map((l) => ({ value: l.label, label: `${l.label} (${l.count})` }))}
                  nothingFoundMessage={t('newCampaign.noLabels')}
                  error={fieldError(err, 'audience')}
                  data-testid="labels-input"
                />
              )}
              {audienceType === 'all' && fieldError(err, 'audience') && (
                <Text c="red" size="sm">
                  {fieldError(err, 'audience')}
                </Text>
              )}
              <Textarea
                label={t('newCampaign.message')}
                description={t('newCampaign.messageHint', TEMPLATE_SYNTAX)}
                placeholder={t('newCampaign.messagePlaceholder', TEMPLATE_SYNTAX)}
                autosize
                minRows={4}
                value={body}
                onChange={(e) => setBody(e.currentTarget.value)}
                error={fieldError(err, 'body', 'media')}
                data-testid="message-input"
              />
              <Group justify="flex-end">
                <Button variant="default" onClick={() => submit(false)} loading={create.isPending}>
                  {t('newCampaign.saveDraft')}
                </Button>
                <ConfirmButton title={t('campaign.startTitle')} message={t('newCampaign.startConfirm')} confirmLabel={t('newCampaign.sendNow')} onConfirm={() => submit(true)} loading={create.isPending} data-testid="send-now">
                  {t('newCampaign.sendNow')}
                </ConfirmButton>
              </Group>
            </Stack>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <MessagePreview body={previewBody} />
        </Grid.Col>
      </Grid>
    </>
  );
}
