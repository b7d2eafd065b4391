import type { RecipientStatus } from "./types";

/** React Query keys, in one place so realtime events and mutations refresh the right data. */
export const keys = {
  me: ["me"] as const,
  tenant: ["tenant"] as const,
  /** Everything of SaaS billing (GET /billing and what hangs under it). */
  billing: ["billing"] as const,
  billingPackages: ["billing", "packages"] as const,
  billingPayments: ["billing", "payments"] as const,
  invoice: (id: string) => ["billing", "invoice", id] as const,
  signUp: ["sign-up"] as const,
  apiKeys: ["api-keys"] as const,
  staff: ["staff"] as const,
  roles: ["roles"] as const,
  webhookEndpoints: ["webhook-endpoints"] as const,
  /** Under `webhookEndpoints`: one endpoint's delivery log. */
  webhookDeliveries: (id: string) => ["webhook-endpoints", id, "deliveries"] as const,
  notifications: ["notifications"] as const,
  channels: ["channels"] as const,
  /** Under `channels`: refreshed with the list on every `channel.status` event. */
  channelHealth: (id: string) => ["channels", id, "health"] as const,
  /** Under `channels`: every number's health score (GET /channels/health). */
  channelsHealth: ["channels", "health"] as const,
  waTemplates: (id: string) => ["channels", id, "wa-templates"] as const,
  pacingPresets: ["pacing-presets"] as const,
  /** Live QR or pairing code of a channel (filled by realtime events, never fetched). */
  channelLink: (id: string) => ["channel-link", id] as const,
  templates: ["templates"] as const,
  template: (id: string) => ["templates", id] as const,
  templatePreview: (input: object) => ["template-preview", input] as const,
  campaigns: ["campaigns"] as const,
  campaign: (id: string) => ["campaign", id] as const,
  campaignEstimate: (input: object) => ["campaign-estimate", input] as const,
  imports: ["contact-imports"] as const,
  statsOverview: (days: number, outletId: string | null = null) =>
    ["stats", "overview", days, outletId] as const,
  statsAll: ["stats"] as const,
  recipientsOf: (id: string) => ["recipients", id] as const,
  recipients: (id: string, status: RecipientStatus | null, page: number, search = "") =>
    ["recipients", id, status, page, search] as const,
  contacts: (filters: object, page: number) => ["contacts", "list", filters, page] as const,
  contact: (id: string) => ["contacts", "one", id] as const,
  contactHistory: (id: string) => ["contacts", "history", id] as const,
  contactAttributes: ["contacts", "attributes"] as const,
  contactsAll: ["contacts"] as const,
  labels: ["labels"] as const,
  automationAll: ["automation"] as const,
  automationRules: ["automation", "rules"] as const,
  automationRule: (id: string) => ["automation", "rule", id] as const,
  automationLog: (id: string) => ["automation", "log", id] as const,
  /** Everything of the inbox: lists, conversations, threads (realtime events refresh under it). */
  inbox: ["inbox"] as const,
  conversationLists: ["inbox", "list"] as const,
  conversationList: (filters: object) => ["inbox", "list", filters] as const,
  conversation: (id: string) => ["inbox", "one", id] as const,
  threads: ["inbox", "thread"] as const,
  thread: (id: string) => ["inbox", "thread", id] as const,
  quickReplies: ["quick-replies"] as const,
  agents: ["agents"] as const,
  sandboxPhones: ["sandbox", "phones"] as const,
  phoneMessages: (phone: string) => ["sandbox", "messages", phone] as const,
};
