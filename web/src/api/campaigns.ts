import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from "@tanstack/react-query";
import { api } from "./client";
import { keys } from "./keys";
import type {
  Campaign,
  CampaignEstimate,
  ContactImport,
  Preview,
  Recipient,
  RecipientStatus,
  Schemas,
} from "./types";

export const RECIPIENTS_PAGE_SIZE = 25;

export function useCampaigns() {
  return useQuery({ queryKey: keys.campaigns, queryFn: () => api<Campaign[]>("GET", "/campaigns") });
}

export function useCampaign(id: string) {
  return useQuery({ queryKey: keys.campaign(id), queryFn: () => api<Campaign>("GET", `/campaigns/${id}`) });
}

export function useRecipients(id: string, status: RecipientStatus | null, page: number, search = "") {
  const qs = new URLSearchParams({
    page: String(page),
    pageSize: String(RECIPIENTS_PAGE_SIZE),
    ...(status ? { status } : {}),
    ...(search ? { search } : {}),
  });
  return useQuery({
    queryKey: keys.recipients(id, status, page, search),
    queryFn: () => api<Recipient[]>("GET", `/campaigns/${id}/recipients?${qs}`),
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

/** `start-partial`: start with fewer message units than recipients (SaaS mode, `allowPartial`). */
export type CampaignAction = "start" | "start-partial" | "pause" | "resume" | "cancel" | "retry-failed";

/** Start, pause, resume, cancel or retry the failed recipients of a campaign. */
export function useCampaignAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (action: CampaignAction) => {
      const r =
        action === "start-partial"
          ? await api<Campaign>("POST", `/campaigns/${id}/start`, { allowPartial: true })
          : await api<Campaign | { campaign: Campaign }>("POST", `/campaigns/${id}/${action}`);
      return "campaign" in r ? r.campaign : r;
    },
    onSuccess: (campaign) => {
      storeCampaign(qc, campaign);
      void qc.invalidateQueries({ queryKey: keys.campaigns });
      void qc.invalidateQueries({ queryKey: keys.recipientsOf(id) });
    },
  });
}

/**
 * POST /campaigns body: `body` may be left out when a saved template (`templateId`, whose
 * media come with it) or a WhatsApp template (`waTemplate`, Cloud API) gives the message.
 */
export type NewCampaign = Schemas["CreateCampaignInput"];

/** What happens once the draft is saved: nothing, a start now, or a start at a local time of the shop. */
export type AfterCreate = { kind: "draft" } | { kind: "start" } | { kind: "schedule"; at: string };

/** The draft was created but could not be started (e.g. no contact matches): `reason` says why. */
export class DraftNotStarted extends Error {
  constructor(
    readonly draft: Campaign,
    readonly reason: unknown,
  ) {
    super(reason instanceof Error ? reason.message : String(reason));
    this.name = "DraftNotStarted";
  }
}

/**
 * Creates a draft, then starts or schedules it when asked (`at`: "YYYY-MM-DDTHH:mm" read in
 * the shop's time zone by the server).
 * @throws DraftNotStarted when only the start or the scheduling failed
 */
export function useCreateCampaign() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ input, then }: { input: NewCampaign; then: AfterCreate }) => {
      const draft = await api<Campaign>("POST", "/campaigns", input);
      if (then.kind === "draft") return draft;
      try {
        return then.kind === "start"
          ? await api<Campaign>("POST", `/campaigns/${draft.id}/start`)
          : await api<Campaign>("POST", `/campaigns/${draft.id}/schedule`, {
              at: then.at,
            } satisfies Schemas["ScheduleCampaignInput"]);
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

/** The recipient count and sending time of an audience on a channel (`at`: planned local start, or now). */
export function useCampaignEstimate(input: Schemas["EstimateCampaignInput"] | null) {
  return useQuery({
    queryKey: keys.campaignEstimate(input ?? {}),
    queryFn: () => api<CampaignEstimate>("POST", "/campaigns/estimate", input),
    enabled: input !== null,
  });
}

/** The shop's contact imports, newest first (an audience may be "the contacts of an import"). */
export function useContactImports(enabled: boolean) {
  return useQuery({
    queryKey: keys.imports,
    queryFn: () => api<ContactImport[]>("GET", "/contacts/imports"),
    enabled,
  });
}

/** The URL that downloads a campaign's per-recipient report (the browser sends the session cookie). */
export function reportUrl(id: string, format: "csv" | "xlsx"): string {
  return `/api/v1/campaigns/${id}/report?format=${format}`;
}

/** The message as a sample customer would see it. */
export function usePreview(body: string) {
  return useQuery({
    queryKey: ["preview", body],
    queryFn: () =>
      api<Preview>("POST", "/templates/preview", {
        body,
        seed: "preview",
      } satisfies Schemas["PreviewTemplateInput"]),
    enabled: body.trim().length > 0,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
}

/**
 * "Resend through another number": a new draft to the campaign's suspected drops on
 * `channelId` (POST /campaigns/:id/resend-drops). @returns the draft
 */
export function useResendDrops(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: Schemas["ResendDropsInput"]) =>
      api<Campaign>("POST", `/campaigns/${id}/resend-drops`, input),
    onSuccess: (draft) => {
      storeCampaign(qc, draft);
      void qc.invalidateQueries({ queryKey: keys.campaigns });
    },
  });
}
