import type { Logger } from "pino";
import type pg from "pg";
import type PgBoss from "pg-boss";
import type { Db } from "./db/client.js";
import type { MetaRates } from "./channels/meta-pricing.js";
import type { Bus } from "./lib/bus.js";
import { createEnqueue } from "./jobs/enqueue.js";
import type { ChannelManager } from "./channels/manager.js";
import type { SandboxNetwork } from "./channels/sandbox/network.js";
import type { SandboxStore } from "./channels/sandbox/store.js";
import { createAuditService } from "./modules/audit/index.js";
import { createApiKeyService } from "./modules/api-keys/index.js";
import { createAssignmentService } from "./modules/assignment/index.js";
import { createAuthService } from "./modules/auth/index.js";
import { createAutomationService } from "./modules/automation/index.js";
import {
  createCampaignService,
  createCampaignEstimator,
  createCampaignReporter,
  enqueueCampaignStart,
  campaignsOfContact,
  checkWaTemplate,
  renderWaTemplate,
  latestCampaignsOfContact,
} from "./modules/campaigns/index.js";
import { createStatsService } from "./modules/stats/index.js";
import { createChannelService } from "./modules/channels/index.js";
import { createImportService, createContactService } from "./modules/contacts/index.js";
import { createHealthService } from "./modules/health/index.js";
import {
  createConversationService,
  createQuickReplyService,
  type IntakeService,
  conversationsOfContact,
  messageCountsOfContact,
  latestMessagesOfContact,
} from "./modules/inbox/index.js";
import { createNotificationService } from "./modules/notifications/index.js";
import { createOrderService } from "./modules/orders/index.js";
import {
  createOutgoingWebhookService,
  webhookEventHook,
  webhookOrderHook,
} from "./modules/outgoing-webhooks/index.js";
import {
  codClosedByMove,
  codStarted,
  createOrderMessageService,
  orderMessageHook,
} from "./modules/order-messages/index.js";
import {
  createReminderService,
  type ReminderCampaigns,
  reminderOrderHook,
} from "./modules/reminders/index.js";
import { createReportService } from "./modules/reports/index.js";
import { createProductService } from "./modules/products/index.js";
import { createSandboxService } from "./modules/sandbox/index.js";
import { createSegmentService } from "./modules/segments/index.js";
import { createTemplateService } from "./modules/templates/index.js";
import { createMediaService } from "./modules/media/index.js";
import { createTenantService } from "./modules/tenants/index.js";
import { createUserService } from "./modules/users/index.js";
import { createRoleService } from "./modules/roles/index.js";
import { createOutletService } from "./modules/outlets/index.js";
import {
  assertRoom,
  type BillingOptions,
  createBillingService,
  createDowngradeService,
  createPaymentService,
  type PaymentServiceDeps,
  roomLeft,
} from "./modules/billing/index.js";
import { createPlatformAuth, createPlatformConsole, createSignUp } from "./modules/platform/index.js";
import type { PackageLimits } from "./lib/package-limits.js";

interface ServiceDeps {
  db: Db;
  pool: pg.Pool;
  bus: Bus;
  boss: PgBoss;
  sandbox: SandboxNetwork;
  sandboxStore: SandboxStore;
  /** Null in a process that holds no live channels (the CLI). */
  manager: ChannelManager | null;
  /** The inbox's intake of customers' messages (the channel manager calls it too). */
  inbox: IntakeService;
  /** KABAR_SECRET_KEY (32 bytes): seals channel credentials; null where unknown (CLI). */
  secretKey: Buffer | null;
  /** KABAR_CLOUD_API_BASE_URL: the Graph API host of Cloud API calls outside a live transport. */
  graphBaseUrl?: string;
  sessionTtlHours: number;
  /** KABAR_DATA_DIR: uploaded media are kept under it (absent: no uploads, e.g. the CLI). */
  dataDir?: string;
  /** KABAR_PRESENCE_GRACE_MS: how long an agent stays online after their last socket closes (default 60 000). */
  presenceGraceMs?: number;
  /** First lock of an e-mail after too many failed sign-ins, ms (doubles per further failure); see src/modules/auth/throttle.ts. */
  signInBackoffMs?: number;
  /** KABAR_META_RATES: Meta's per-message prices, rupiah (default: src/channels/meta-pricing.ts). */
  metaRates?: MetaRates;
  /** KABAR_MODE and the billing settings (absent: single mode, no billing). */
  billing?: BillingOptions;
  /** SaaS mode: Midtrans (real or the fake), KABAR_PPN_RATE, the public origin and a logger (absent: payments off). */
  payments?: Pick<PaymentServiceDeps, "midtrans" | "ppnRate" | "publicOrigin" | "log">;
  /** Where platform admins' actions and sign-ups are logged (no secrets). */
  log?: Pick<Logger, "info" | "warn">;
}

/** Every domain service, wired once; HTTP routes and the CLI call these. */
export function createServices(d: ServiceDeps) {
  // Webhook deliveries of an opt-out by hand and of the network's answer to an agent's
  // reply, queued in the transaction of each (an event hook).
  const events = webhookEventHook(createEnqueue(d.boss));
  // The package limits (SaaS mode) of what shops create: billing's checks handed to the
  // creating modules (they cannot import billing: see src/lib/package-limits.ts).
  const limits: PackageLimits = { assertRoom, roomLeft };
  const billing = createBillingService(d.db, d.billing ?? { mode: "single", graceDays: 3 });
  // A contact's history reads the inbox's and the campaigns' tables through their queries,
  // passed here so neither module needs the other or contacts (their imports stay acyclic).
  const contacts = createContactService(
    d.db,
    {
      conversationsOfContact,
      messageCountsOfContact,
      latestMessagesOfContact,
      campaignsOfContact,
    },
    d.bus,
    events,
    limits,
  );
  const quickReplies = createQuickReplyService(d.db);
  const assignment = createAssignmentService({
    db: d.db,
    bus: d.bus,
    presenceGraceMs: d.presenceGraceMs ?? 60_000,
  });
  const notifications = createNotificationService(d.db, d.bus);
  // Signed webhooks to the shop's systems: queued in the order's transaction (an order hook).
  const outgoingWebhooks = createOutgoingWebhookService({
    db: d.db,
    secretKey: d.secretKey,
    enqueue: createEnqueue(d.boss),
    endpointDisabled: async (tenantId, url) =>
      void (await notifications.notify({
        tenantId,
        kind: "webhook_endpoint_disabled",
        severity: "error",
        reason: url,
      })),
  });
  const campaigns = createCampaignService({
    db: d.db,
    pool: d.pool,
    bus: d.bus,
    scheduleStart: (raw, id, at) => enqueueCampaignStart(createEnqueue(d.boss), raw, id, at),
    metaRates: d.metaRates,
    mode: d.billing?.mode ?? "single",
  });
  // Reminder runs send as campaigns (campaigns reads the reminders' run: passed in, not imported).
  // SaaS mode: they start with the units there are (allowPartial) — a run is a job with nobody
  // to ask, and its campaign pauses "Kuota habis" and resumes after a top-up like any other.
  const reminderCampaigns: ReminderCampaigns = {
    send: async (actor, input) =>
      (await campaigns.start(actor, (await campaigns.create(actor, input)).id, { allowPartial: true })).id,
    start: async (actor, id) => void (await campaigns.start(actor, id, { allowPartial: true })),
    waTemplate: async (tenantId, channelId, ref) => {
      const texts = await checkWaTemplate(d.db, tenantId, channelId, ref, false);
      return (c, seed) =>
        renderWaTemplate(
          ref,
          texts,
          { name: c.name ?? undefined, phone: c.phone, attributes: {}, columns: c.columns },
          seed,
        ).text;
    },
  };
  const roles = createRoleService(d.db);
  const outlets = createOutletService(d.db);
  const auth = createAuthService(d.db, d.sessionTtlHours, { baseMs: d.signInBackoffMs });
  return {
    auth,
    audit: createAuditService(d.db),
    automation: createAutomationService(d.db),
    tenants: createTenantService(d.db),
    roles,
    outlets,
    // A deactivated agent's open conversations go back to the queue (as when going offline).
    users: createUserService(d.db, roles, {
      auth,
      deactivated: (t, u) => assignment.releaseAgent(t, u),
      limits,
    }),
    apiKeys: createApiKeyService(d.db),
    contacts,
    imports: createImportService(d.db, limits),
    products: createProductService(d.db),
    templates: createTemplateService(d.db, contacts),
    media: createMediaService(d.db, d.dataDir),
    campaigns,
    campaignEstimates: createCampaignEstimator(d.db, d.metaRates, d.billing?.mode ?? "single"),
    campaignReports: createCampaignReporter(d.db),
    stats: createStatsService(d.db),
    channels: createChannelService(d.db, d.manager, d.secretKey, d.graphBaseUrl, limits),
    health: createHealthService(d.db),
    inbox: d.inbox,
    conversations: createConversationService({
      db: d.db,
      bus: d.bus,
      manager: d.manager,
      quickReplies,
      panelCampaigns: latestCampaignsOfContact,
      // A person's reply makes an unassigned conversation theirs (assignment depends on the inbox).
      replied: (actor, conversationId) => assignment.repliedBy(actor, conversationId),
      events,
      billing: { enabled: d.billing?.mode === "saas" },
    }),
    quickReplies,
    assignment,
    sandbox: createSandboxService(d.db, d.sandbox, d.sandboxStore, d.manager),
    notifications,
    outgoingWebhooks,
    orders: createOrderService(
      d.db,
      [
        orderMessageHook(createEnqueue(d.boss), codStarted(createEnqueue(d.boss))),
        codClosedByMove,
        reminderOrderHook,
        webhookOrderHook(outgoingWebhooks),
      ],
      d.bus,
    ),
    orderMessages: createOrderMessageService(d.db),
    reminders: createReminderService(d.db, reminderCampaigns, async (tenantId, err) => {
      await notifications.notify({
        tenantId,
        kind: "reminders_skipped",
        severity: "error",
        reason: err.code,
      });
    }),
    reports: createReportService(d.db),
    segments: createSegmentService(d.db),
    billing,
    // The owner's billing through Midtrans (SaaS mode; single mode: every verb says billing is off).
    payments: createPaymentService({
      db: d.db,
      bus: d.bus,
      billing,
      midtrans: d.payments?.midtrans ?? null,
      ppnRate: d.payments?.ppnRate ?? 0,
      graceDays: d.billing?.graceDays ?? 3,
      publicOrigin: d.payments?.publicOrigin ?? "http://127.0.0.1:3000",
      log: d.payments?.log ?? { info: () => undefined, warn: () => undefined },
    }),
    downgrades: createDowngradeService(d.db, billing.enabled, billing.now),
    // Platform admins (SaaS mode): their sign-in and sessions, apart from shops'; the console; sign-up.
    platformAuth: createPlatformAuth(d.db, d.sessionTtlHours, d.log, { baseMs: d.signInBackoffMs }),
    platformConsole: createPlatformConsole(d.db, billing, d.billing?.graceDays ?? 3, d.log, (n) =>
      notifications.notify(n),
    ),
    signUp: createSignUp(d.db, auth, billing, d.log),
  };
}

export type Services = ReturnType<typeof createServices>;
