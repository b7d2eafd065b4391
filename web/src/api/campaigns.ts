import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import type { Audience, Campaign, Preview, Recipient, RecipientStatus } from './types';

export const RECIPIENTS_PAGE_SIZE = 25;

export function useCampaigns() {
  return useQuery({ queryKey: keys.campaigns, queryFn: () => api<Campaign[]>('GET', '/campaigns') });
}

export function useCampaign(id: string) {
  return useQuery({ queryKey: keys.campaign(id), queryFn: () => api<Campaign>('GET', `/campaigns/${id}`) });
}

export function useRecipients(id: string, status: RecipientStatus | null, page: number) {
  const qs = new URLSearchParams({ page: String(page), pageSize: String(RECIPIENTS_PAGE_SIZE), ...(status ? { status } : {}) });
  return useQuery({
    queryKey: keys.recipients(id, status, page),
    queryFn: () => api<Recipient[]>('GET', `/campaigns/${id}/recipients?${qs}`),
    placeholderData: keepPreviousData,
  });
}

/**
 * Puts a fresh campaign (from an answer or a realtime event) into the detail cache, and
 * into the list when the list holds it and is current; otherwise the list is refreshed
 * (a new campaign, or a list already known to be out of date).
 */
export function storeCampaign(qc: QueryClient, campaign: Campaign): void {
  qc.setQueryData(keys.campaign(campaign.id), campaign);
  const list = qc.getQueryState<Campaign[]>(keys.campaigns);
  if (list?.data?.some((c) => c.id === campaign.id) && !list.isInvalidated) {
    qc.setQueryData<Campaign[]>(keys.campaigns, (l) => l?.map((c) => (c.id === campaign.id ? campaign : c)));
  } else {
    void qc.invalidateQueries({ queryKey: keys.campaigns });
  }
}

export type CampaignAction = 'start' | 'pause' | 'resume' | 'cancel' | 'retry-failed';

/** Start, pause, resume, cancel or retry the failed recipients of a campaign. */
export function useCampaignAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (action: CampaignAction) => {
      const r = await api<Campaign | { campaign: Campaign }>('POST', `/campaigns/${id}/${action}`);
      return 'campaign' in r ? r.campaign : r;
    },
    onSuccess: (campaign) => {
      storeCampaign(qc, campaign);
      void qc.invalidateQueries({ queryKey: keys.campaigns });
      void qc.invalidateQueries({ queryKey: keys.recipientsOf(id) });
    },
  });
}

export interface NewCampaign {
  name: string;
  channelId: string;
  body: string;
  audience: Audience;
}

/** The draft was created but could not be started (e.g. no contact matches): `reason` says why. */
export class DraftNotStarted extends Error {
  constructor(
    readonly draft: Campaign,
    readonly reason: unknown,
  ) {
    super(reason instanceof Error ? reason.message : String(reason));
    this.name = 'DraftNotStarted';
  }
}

/** Creates a draft, and starts it when asked. @throws DraftNotStarted when only the start failed */
export function useCreateCampaign() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ input, start }: { input: NewCampaign; start: boolean }) => {
      const draft = await api<Campaign>('POST', '/campaigns', input);
      if (!start) return draft;
      try {
        return await api<Campaign>('POST', `/campaigns/${draft.id}/start`);
      } catch (err) {
        storeCampaign(qc, draft);
        throw new DraftNotStarted(draft, err);
      }
    },
    onSuccess: (campaign) => {
      storeCampaign(qc, campaign);
      void qc.invalidateQueries({ queryKey: keys.campaigns });
    },
  });
}

/** The message as a sample customer would see it. */
export function usePreview(body: string) {
  return useQuery({
    queryKey: ['preview', body],
    queryFn: () => api<Preview>('POST', '/templates/preview', { body, seed: 'preview' }),
    enabled: body.trim().length > 0,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
}
