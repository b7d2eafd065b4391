import { StopSteps } from "./lib/stop-steps.js";
import { listenForNotifications } from "./modules/notifications/index.js";
import type PgBoss from "pg-boss";
import type { Logger } from "pino";
import { publicOrigin, type Config } from "./config.js";
import { openDatabase, runMigrations, type Database } from "./db/client.js";
import { locateDatabase } from "./db/connect.js";
import { Bus } from "./lib/bus.js";
import { configureOutbound } from "./lib/outbound/index.js";
import { loadSecretKey } from "./lib/secret.js";
import { assertPortFree, listenError } from "./lib/port.js";
import { startBoss } from "./jobs/boss.js";
import type { ProcessPart } from "./jobs/define.js";
import { createEnqueue } from "./jobs/enqueue.js";
import { startWorkers, wakeWorker } from "./jobs/workers.js";
import { JOBS } from "./jobs.js";
import { createReadiness } from "./readiness.js";
import { ChannelManager } from "./channels/manager.js";
import { SandboxNetwork } from "./channels/sandbox/network.js";
import { realScheduler, Timers } from "./channels/sandbox/clock.js";
import { sandboxGraph } from "./channels/cloud-api/index.js";
import { transportKinds, type TransportOptions } from "./channels/kinds.js";
import { buildHttp } from "./http/app.js";
import type { App } from "./http/types.js";
import { campaignSenders, type DispatcherOptions } from "./modules/campaigns/index.js";
import { PgSandboxStore } from "./modules/sandbox/index.js";
import { createIntakeService, startInboxListener, startSnoozeSweep } from "./modules/inbox/index.js";
import type { AutoReplyEngineOptions } from "./modules/automation/index.js";
import { createInboundReactions, inboundReactionJob, reactionEventHook } from "./modules/reactions/index.js";
import { combineEventHooks } from "./db/event-hooks.js";
import { cloudApiWebhookJob, createWebhookService, processWebhook } from "./modules/webhooks/index.js";
import { seedDemo, type DemoSeed } from "./modules/tenants/index.js";
import { ensurePlatformAdmin } from "./modules/platform/index.js";
import { seedDemoOrders } from "./modules/orders/index.js";
import { refreshSegments } from "./modules/segments/index.js";
import { planFromHistory } from "./modules/reminders/index.js";
import { webhookEventHook } from "./modules/outgoing-webhooks/index.js";
import { createServices, type Services } from "./services.js";
import { startImportSweep } from "./modules/contacts/index.js";
import {
  createMidtransClient,
  type FakeMidtrans,
  type PaymentServiceDeps,
  startFakeMidtrans,
} from "./modules/billing/index.js";
import {
  announceSandboxTyping,
  attachRealtime,
  observeSandboxStore,
  type Realtime,
} from "./realtime/index.js";

/** A running Kabar process (or the part of one a caller asked for). */
export interface Kabar {
  config: Config;
  database: Database;
  url: string;
  bus: Bus;
  boss: PgBoss;
  sandbox: SandboxNetwork;
  sandboxStore: PgSandboxStore;
  manager: ChannelManager | null;
  services: Services;
  http: App | null;
  /** Socket.IO on the HTTP server (null without HTTP). */
  realtime: Realtime | null;
  /** Set on the first start, when the demo was seeded. */
  seeded: DemoSeed | null;
  /** SaaS mode without MIDTRANS_SERVER_KEY: the fake Midtrans payments go to (tests drive it). */
  fakeMidtrans: FakeMidtrans | null;
  /** Set on the first start in SaaS mode: the platform admin made (password only when generated, to print once). */
  platformAdmin: { email: string; password?: string } | null;
  /** Graceful stop: HTTP, dispatchers (outcomes written), jobs, pool, embedded PostgreSQL. */
  stop(): Promise<void>;
}

export interface StartOptions {
  log: Logger;
  /** Hold live channels and run dispatchers (default: KABAR_ROLE is all or worker). */
  channels?: boolean;
  /** Serve HTTP (default: KABAR_ROLE is all or web). */
  http?: boolean;
  /** Listen on HOST:PORT (default true when http). */
  listen?: boolean;
  dispatcher?: DispatcherOptions;
  /** How real transports reach their networks (tests: offline fakes). */
  transports?: TransportOptions;
  /** Auto-reply engine knobs (tests: `delayScale: 0`). */
  automation?: AutoReplyEngineOptions;
  /** Schedule the periodic jobs (`cron` in src/jobs.ts; default true; tests: false, they run sweeps with their own `now`). */
  periodicJobs?: boolean;
}

/** How long a failed start waits for what it started to stop before it reports its error, ms. */
const FAILED_START_CLEANUP_MS = 10_000;

/**
 * The composition root (DESIGN.md §3): config → database (embedded or URL) → migrations →
 * demo seed → pg-boss → sandbox network → channels → services → HTTP.
 * @throws PortUnavailableError (src/lib/port.ts) at once, before anything starts, when it
 *   should listen and HOST:PORT is in use, not allowed or not on this machine; any other
 *   start error after stopping what was started (waiting at most 10 s for that)
 */
export async function startKabar(config: Config, opts: StartOptions): Promise<Kabar> {
  const { log } = opts;
  const role = config.KABAR_ROLE;
  const withChannels = opts.channels ?? role !== "web";
  const withHttp = opts.http ?? role !== "worker";
  // Operator-level outbound policy of this process (hosts that may be private, for local fakes).
  configureOutbound({ allowPrivateHosts: config.KABAR_OUTBOUND_ALLOW_HOSTS });
  const listen = withHttp && (opts.listen ?? true);
  // A busy port fails the start at once, before anything else is started.
  if (listen) await assertPortFree(config.HOST, config.PORT);
  const location = await locateDatabase(config, log);
  const stops = new StopSteps();
  stops.add("database server", location.stop);
  const stopAll = () => stops.stopAll(log);
  try {
    const secretKey = loadSecretKey({
      secret: config.KABAR_SECRET_KEY,
      dataDir: config.KABAR_DATA_DIR,
      embedded: location.embedded,
    });
    // An idle connection the server ended (a restart, an administrator, Kabar's own embedded
    // server stopping): named by its code and message only (the error carries the whole pg
    // client, which would print kilobytes of internals).
    const database = openDatabase(location.url, undefined, (err) =>
      log.warn(
        { err: { code: (err as { code?: string }).code, message: err.message } },
        "a database connection failed; it is replaced on next use",
      ),
    );
    stops.add("database pool", () => database.close());
    await runMigrations(database);
    const sandboxStore = new PgSandboxStore(database.db);
    const seeded = config.KABAR_SEED_DEMO
      ? await seedDemo(database.db, sandboxStore, {
          email: config.KABAR_OWNER_EMAIL,
          password: config.KABAR_OWNER_PASSWORD,
          sandboxSeed: config.KABAR_SANDBOX_SEED,
          ...(config.KABAR_SEED_CLOUD_SANDBOX ? { secretKey } : {}),
        })
      : null;
    if (seeded && config.KABAR_SEED_ORDERS) {
      await seedDemoOrders(database.db, seeded.tenantId, {
        seed: config.KABAR_SANDBOX_SEED,
        customers: seeded.customers,
      });
      await refreshSegments(database.db, seeded.tenantId);
      // Tomorrow's reminders mean something on the first start: planned from the history.
      await planFromHistory(database.db, seeded.tenantId);
    }
    const boss = await startBoss(location.url, log, JOBS, { periodic: opts.periodicJobs ?? true });
    stops.add("job queue", () => boss.stop({ graceful: true, timeout: 5000 }));
    const enqueue = createEnqueue(boss);
    const bus = new Bus();
    const sandbox = new SandboxNetwork({
      seed: config.KABAR_SANDBOX_SEED,
      timeScale: config.KABAR_SANDBOX_TIME_SCALE,
      newChatCap: config.KABAR_SANDBOX_NEW_CHAT_CAP,
      strangersReply: config.KABAR_SANDBOX_STRANGERS_REPLY,
      // Announces what the phones receive and send on the bus (sandbox.message) for the web app.
      store: observeSandboxStore(sandboxStore, database.db, bus, (err) =>
        log.warn({ err }, "sandbox event lost"),
      ),
      onError: (err) => log.error({ err }, "sandbox network error"),
      // "typing…" on a virtual phone, for its page (sandbox.typing).
      onTyping: announceSandboxTyping(database.db, bus, (err) => log.warn({ err }, "sandbox event lost")),
    });
    await sandbox.start();
    stops.add("sandbox network", () => sandbox.close());
    // The sandbox's Cloud API numbers: their in-process Graph posts Meta-format webhooks to
    // the same job a verified webhook delivery queues, on the sandbox's clock.
    const graphTimers = new Timers(realScheduler, config.KABAR_SANDBOX_TIME_SCALE);
    sandboxGraph.configure({
      timers: graphTimers,
      seed: config.KABAR_SANDBOX_SEED,
      // Processed at once like the job would (the channel is live here); when it cannot be
      // (not live yet, a passing error) it is queued as the job, retried like a real delivery.
      deliver: async (channelId, body) => {
        try {
          await processWebhook({ db: database.db, bus, log }, channelId, body);
        } catch {
          await enqueue(cloudApiWebhookJob, { channelId, body });
        }
      },
      onError: (err) => log.warn({ err }, "a sandbox Cloud API webhook was lost"),
    });
    stops.add("sandbox Graph", () => {
      graphTimers.close();
      sandboxGraph.reset();
    });
    // With the new-chat cap played, a few demo customers write first (held until the demo
    // number connects), so the demo's first campaign has warm customers besides new chats.
    if (seeded && config.KABAR_SANDBOX_NEW_CHAT_CAP)
      for (const m of seeded.firstMessages) await sandbox.sendFromPhone(m.from, m.to, m.text);
    // Messages', receipts' and finished campaigns' webhook deliveries are queued inside the
    // transaction that records each event (an event hook), exactly once with it.
    const events = webhookEventHook(enqueue);
    // A customer's message also queues its reactions (auto-reply, COD answer, reminder
    // reply: the `inbound-reaction` job) in the transaction that stores it.
    const inbox = createIntakeService(
      database.db,
      bus,
      combineEventHooks(events, reactionEventHook(enqueue)),
    );
    const manager = withChannels
      ? new ChannelManager({
          db: database.db,
          pool: database.pool,
          bus,
          log,
          inbox,
          kinds: transportKinds(sandbox, config.KABAR_DATA_DIR, {
            ...opts.transports,
            cloudApi: { graphBaseUrl: config.KABAR_CLOUD_API_BASE_URL, ...opts.transports?.cloudApi },
          }),
          secretKey,
          dataDir: config.KABAR_DATA_DIR,
          senders: campaignSenders(database.db, bus, {
            metered: config.KABAR_MODE === "saas",
            ...opts.dispatcher,
            events,
          }),
          leases: { ttlMs: config.KABAR_LEASE_TTL_MS, heartbeatMs: config.KABAR_LEASE_HEARTBEAT_MS },
        })
      : null;
    // SaaS mode: payments through Midtrans with the configured keys, or, without a server key,
    // through the fake Midtrans on a loopback port (which the outbound guard then allows).
    let fakeMidtrans: FakeMidtrans | null = null;
    let midtrans: PaymentServiceDeps["midtrans"] = null;
    if (config.KABAR_MODE === "saas" && config.MIDTRANS_SERVER_KEY) {
      midtrans = {
        client: createMidtransClient({
          serverKey: config.MIDTRANS_SERVER_KEY,
          isProduction: config.MIDTRANS_IS_PRODUCTION,
        }),
        serverKey: config.MIDTRANS_SERVER_KEY,
        clientKey: config.MIDTRANS_CLIENT_KEY ?? null,
      };
    } else if (config.KABAR_MODE === "saas" && withHttp) {
      const fake = await startFakeMidtrans();
      fakeMidtrans = fake;
      stops.add("fake Midtrans", () => fake.close());
      configureOutbound({ allowPrivateHosts: [...config.KABAR_OUTBOUND_ALLOW_HOSTS, fake.host] });
      midtrans = {
        client: createMidtransClient({
          serverKey: fake.serverKey,
          isProduction: false,
          baseUrl: fake.baseUrl,
        }),
        serverKey: fake.serverKey,
        clientKey: fake.clientKey,
      };
      log.info(
        { url: fake.baseUrl },
        "SaaS mode without MIDTRANS_SERVER_KEY: payments go to the fake Midtrans",
      );
    }
    const services = createServices({
      db: database.db,
      pool: database.pool,
      bus,
      boss,
      sandbox,
      sandboxStore,
      manager,
      inbox,
      secretKey,
      graphBaseUrl: config.KABAR_CLOUD_API_BASE_URL,
      sessionTtlHours: config.KABAR_SESSION_TTL_HOURS,
      dataDir: config.KABAR_DATA_DIR,
      presenceGraceMs: config.KABAR_PRESENCE_GRACE_MS,
      signInBackoffMs: config.KABAR_SIGN_IN_BACKOFF_MS,
      metaRates: config.KABAR_META_RATES,
      billing: { mode: config.KABAR_MODE, graceDays: config.KABAR_GRACE_DAYS },
      payments: { midtrans, ppnRate: config.KABAR_PPN_RATE, publicOrigin: publicOrigin(config), log },
      log,
    });
    // SaaS mode: units added to a shop (a paid top-up, renewal, upgrade) resume its campaigns
    // paused "quota_exhausted" (docs/billing.md "Quota metering"), in the process that took the payment.
    if (services.billing.enabled) {
      const stopResume = bus.on("billing.units_added", ({ tenantId }) => {
        services.campaigns
          .resumeQuotaPaused(tenantId)
          .catch((err) => log.error({ err, tenantId }, "resuming campaigns after a top-up failed"));
      });
      stops.add("quota resume", () => stopResume());
    }
    // SaaS mode: the first start makes the platform admin (its password printed once by main.ts).
    const platformAdmin =
      config.KABAR_MODE === "saas"
        ? await ensurePlatformAdmin(database.db, {
            email: config.KABAR_PLATFORM_ADMIN_EMAIL,
            ...(config.KABAR_PLATFORM_ADMIN_PASSWORD
              ? { password: config.KABAR_PLATFORM_ADMIN_PASSWORD }
              : {}),
          })
        : null;
    // Assignment listens to conversation.opened/resolved in every process (the bus is per process).
    const stopAssignment = services.assignment.start((err) =>
      log.warn({ err }, "conversation assignment failed"),
    );
    stops.add("assignment", () => stopAssignment());
    if (manager) {
      // The shop is told when a channel it holds stops or a campaign pauses itself.
      const stopNotifications = listenForNotifications(bus, services.notifications, log);
      stops.add("notifications", () => stopNotifications());
      await manager.start();
      stops.add("channels", () => manager.stop());
      // Agents' message ticks and forwarded sends (inbox), and snoozed conversations waking up.
      stops.add(
        "inbox listener",
        await startInboxListener({ db: database.db, pool: database.pool, bus, manager, log, events }),
      );
      stops.add(
        "snooze sweep",
        startSnoozeSweep(database.db, bus, (err) => log.warn({ err }, "the snooze sweep failed")),
      );
    }
    // The job registry's workers (src/jobs.ts) whose `runsIn` names a part this process runs;
    // a job whose channel is live elsewhere is retried with backoff until it reaches that process.
    const parts: ProcessPart[] = [
      ...(manager ? ["channels" as const] : []),
      ...(withHttp ? ["http" as const] : []),
    ];
    await startWorkers(boss, JOBS, parts, {
      db: database.db,
      bus,
      log,
      transport: (id) => manager?.transport(id),
      campaigns: services.campaigns,
      outgoingWebhooks: services.outgoingWebhooks,
      enqueue,
      reminders: services.reminders,
      billing: services.billing,
      // Auto-reply decisions, COD answers and reminder replies, where channels are held.
      inboundReactions: createInboundReactions({
        db: database.db,
        pool: database.pool,
        enqueue,
        log,
        automation: opts.automation,
        orders: services.orders,
        addNote: (actor, id, body) => services.conversations.addNote(actor, id, body),
      }),
    });
    // A customer's message stored here is reacted to at once: the reaction job's worker is
    // woken after the intake's commit. Only a nudge (the job is the one path of the reactions):
    // without it the job waits for the worker's next poll, 0.5 s at most.
    if (manager) {
      const stopWaking = bus.on("message.new", (e) => {
        if (e.direction === "in") wakeWorker(boss, inboundReactionJob);
      });
      stops.add("reaction wake-up", () => stopWaking());
    }
    let http: App | null = null;
    let realtime: Realtime | null = null;
    if (withHttp) {
      // Imports run in HTTP processes: one cut by a crash is marked failed here (see IMPORT_STALE_MS).
      stops.add(
        "import sweep",
        startImportSweep(database.db, (err) => log.warn({ err }, "the stale import sweep failed")),
      );
      http = await buildHttp({
        services,
        logger: log,
        cookieSecure: config.KABAR_COOKIE_SECURE,
        sessionTtlHours: config.KABAR_SESSION_TTL_HOURS,
        publicOrigin: publicOrigin(config),
        trustProxy: config.KABAR_TRUST_PROXY,
        apiDocs: config.KABAR_API_DOCS,
        uploadIdleMs: config.KABAR_UPLOAD_IDLE_MS,
        signInPerMinute: config.KABAR_SIGN_IN_PER_MINUTE,
        signUpPerHour: config.KABAR_SIGN_UP_PER_HOUR,
        apiKeyRate: config.KABAR_API_KEY_RATE,
        webhooks: createWebhookService({
          db: database.db,
          secretKey,
          enqueue: async (job) => void (await enqueue(cloudApiWebhookJob, job)),
        }),
        readiness: createReadiness({
          pool: database.pool,
          boss,
          queues: JOBS.map((job) => job.id),
          heldChannels: () => (manager ? manager.heldCount() : null),
        }),
      });
      const h = http;
      stops.add("HTTP server", () => h.close());
      // The fake Midtrans notifies this process's own notification route (as Midtrans would over HTTP).
      fakeMidtrans?.onNotify(async (body) => {
        const r = await h.inject({
          method: "POST",
          url: "/api/v1/billing/midtrans/notification",
          headers: { "content-type": "application/json" },
          payload: body,
        });
        return { status: r.statusCode, body: r.body };
      });
      // Socket.IO shares the HTTP server; stopped before it (stops run in reverse).
      const rt = attachRealtime({
        server: http.server,
        bus,
        services,
        db: database.db,
        log,
        presence: services.assignment.presence,
        pool: database.pool,
        sessionCheckMs: config.KABAR_SESSION_CHECK_MS,
        publicOrigin: publicOrigin(config),
      });
      realtime = rt;
      stops.add("realtime", () => rt.close());
      if (listen) {
        await http.listen({ host: config.HOST, port: config.PORT }).catch((err: unknown) => {
          throw listenError(err, config.HOST, config.PORT);
        });
      }
    }
    return {
      config,
      database,
      url: location.url,
      bus,
      boss,
      sandbox,
      sandboxStore,
      manager,
      services,
      http,
      realtime,
      seeded,
      fakeMidtrans,
      platformAdmin,
      stop: stopAll,
    };
  } catch (err) {
    // A failed start reports its error even if some part does not stop.
    let timer: NodeJS.Timeout | undefined;
    const cleanup = await Promise.race([
      stopAll().then(() => "stopped" as const),
      new Promise<"late">((resolve) => (timer = setTimeout(resolve, FAILED_START_CLEANUP_MS, "late"))),
    ]);
    clearTimeout(timer);
    if (cleanup === "late")
      log.warn(
        { waitedMs: FAILED_START_CLEANUP_MS },
        "stopping after a failed start did not finish; giving up on it",
      );
    throw err;
  }
}
