import type pg from "pg";
import type { Db } from "../../db/client.js";
import { inTransaction, type SqlExecutor } from "../../db/transaction.js";
import { recordAudit } from "../audit/index.js";
import { DISPATCH_WAKE_TOPIC, notify } from "../../db/topics.js";
import type { CampaignRouting } from "./queries/campaigns.js";
import { requirePermission, type Actor } from "../../lib/actor.js";
import { channelErrors, channelKind } from "../channels/index.js";
import { contactErrors, importExists } from "../contacts/index.js";
import { templateById, templateErrors } from "../templates/index.js";
import type { Bus } from "../../lib/bus.js";
import { checkAttachment } from "../media/index.js";
import { campaignErrors } from "./errors.js";
import { snapshotAudience } from "./snapshot.js";
import { checkStartUnits } from "./metering.js";
import { resumeQuotaPaused } from "./queries/dispatch.js";
import type { MetaRates } from "../../channels/meta-pricing.js";
import { campaignActualCost } from "./actual-cost.js";
import { checkCampaignMessage } from "./message-check.js";
import { checkWaTemplate } from "./wa-template.js";
import { checkPool, poolMembers } from "./pool.js";
import {
  type ChannelCounts,
  channelCountsFor,
  type PoolEntry,
  poolsOf,
  replacePool,
} from "./queries/pool.js";
import { resendDrops } from "./resend.js";
import { audienceStartedBy, checkAudienceOutlet, stampAudience } from "./audience-scope.js";
import { toUtc } from "./schedule-time.js";
import type { CampaignDto, CreateCampaignInput, ResendDropsInput, UpdateCampaignInput } from "./schemas.js";
import {
  campaignById,
  campaignOfTenant,
  insertCampaign,
  listCampaigns,
  lockCampaign,
  markCampaignScheduled,
  markCampaignStarted,
  reopenCampaign,
  transitionCampaign,
  updateUnstartedCampaign,
  type CampaignRow,
  type CampaignSet,
  type CampaignStatus,
  type MediaAttachment,
  type WaTemplateRef,
} from "./queries/campaigns.js";
import {
  countsFor,
  recipientsPage,
  requeueFailedRecipients,
  skipPendingRecipients,
  type RecipientPageQuery,
} from "./queries/recipients.js";

/** Enqueues the scheduled start of a campaign in the caller's transaction (pg-boss). */
type ScheduleStart = (raw: SqlExecutor, campaignId: string, at: Date) => Promise<void>;

interface CampaignDeps {
  db: Db;
  pool: pg.Pool;
  bus: Bus;
  scheduleStart: ScheduleStart;
  /** Meta's rates the actual cost is priced with (default: the Indonesian table, meta-pricing.ts). */
  metaRates?: MetaRates;
  /** KABAR_MODE: `saas` checks message units and the subscription on start (default `single`). */
  mode?: "single" | "saas";
}

/**
 * Campaigns: draft → scheduled → running → paused → completed / cancelled / failed
 * (DESIGN.md §5). Every verb checks the tenant first; only owners create and steer
 * campaigns (agents read them). Starting snapshots the audience and
 * wakes the channel's dispatcher (NOTIFY on commit, so another process hears it too).
 */
export function createCampaignService({ db, pool, bus, scheduleStart, metaRates, mode }: CampaignDeps) {
  async function row(actor: Actor, id: string, lock = db): Promise<CampaignRow> {
    const c = await campaignOfTenant(lock, actor.tenantId, id, actor);
    if (!c) throw campaignErrors.notFound();
    return c;
  }

  async function dto(c: CampaignRow, tx: Db = db): Promise<CampaignDto> {
    return (await dtos([c], tx))[0]!;
  }

  /** The campaigns with their counts, pools and split, read on `tx` (one snapshot when it is a transaction). */
  async function dtos(rows: CampaignRow[], tx: Db = db): Promise<CampaignDto[]> {
    const ids = rows.map((r) => r.id);
    const [counts, pools, split] = [
      await countsFor(tx, ids),
      await poolsOf(tx, ids),
      await channelCountsFor(tx, ids),
    ];
    return rows.map((r) => toDto(r, counts.get(r.id)!, pools.get(r.id)!, split.get(r.id)!));
  }

  /**
   * Checks the channel, import and outlet exist in the tenant (in the actor's outlets).
   * @throws KabarError 400 `unknown_channel`, `unknown_import`, `unknown_outlet` (`audience.outletId`), 404 source campaign
   */
  async function checkRefs(
    actor: Actor,
    input: { channelId?: string; audience?: CreateCampaignInput["audience"] },
  ): Promise<void> {
    await checkAudienceOutlet(db, actor, input.audience);
    if (input.channelId && !(await channelKind(db, actor.tenantId, input.channelId, actor)))
      throw channelErrors.unknownChannel({ field: "channelId" });
    if (input.audience?.type === "import") {
      if (!(await importExists(db, actor, input.audience.importId)))
        throw contactErrors.unknownImport({ field: "audience.importId" });
    }
    if (
      input.audience?.type === "drops" &&
      !(await campaignOfTenant(db, actor.tenantId, input.audience.campaignId, actor))
    )
      throw campaignErrors.unknownSourceCampaign();
  }

  /** Checks the pool and the message for it. @returns the template's texts, or null */
  async function checkSending(
    actor: Actor,
    input: { channelId: string; pool?: PoolEntry[]; routing: CampaignRouting },
    m: { body: string; media: MediaAttachment | null; waTemplate: WaTemplateRef | null },
  ) {
    const pool = await checkPool(db, actor.tenantId, input, actor);
    return { pool, texts: await checkCampaignMessage(db, actor.tenantId, pool, input.routing, m) };
  }

  /** Wakes the dispatchers of every number in the campaign's pool (NOTIFY on commit). */
  async function wakePool(raw: SqlExecutor | Db, campaignId: string, channelId: string) {
    const pool = (await poolsOf(db, [campaignId])).get(campaignId) ?? [];
    for (const id of new Set([channelId, ...pool.map((p) => p.channelId)])) await wake(raw, id);
  }

  async function transition(
    actor: Actor,
    id: string,
    from: CampaignStatus[],
    to: CampaignStatus,
    extra: CampaignSet = {},
  ) {
    // Someone limited to outlets moves only their outlets' campaigns (another's is 404).
    if (actor.outletIds) await row(actor, id);
    const c = await transitionCampaign(db, actor.tenantId, id, from, to, extra);
    if (!c) {
      const current = await row(actor, id);
      throw campaignErrors.invalidTransition({ from: current.status, to });
    }
    bus.emit("campaign.status", { tenantId: c.tenantId, campaignId: c.id, status: c.status });
    return c;
  }

  const wake = (raw: SqlExecutor | Db, channelId: string) => notify(raw, DISPATCH_WAKE_TOPIC, channelId);

  const service = {
    /** Creates a draft. @throws KabarError 400 (unknown channel/template/import/media, invalid template). */
    async create(actor: Actor, input: CreateCampaignInput): Promise<CampaignDto> {
      requirePermission(actor, "campaigns.create");
      let body = input.body ?? "";
      let media = await checkAttachment(db, actor.tenantId, input.media ?? null);
      if (input.templateId) {
        const t = await templateById(db, actor.tenantId, input.templateId);
        if (!t) throw templateErrors.unknownTemplate({ field: "templateId" });
        body = input.body ?? t.body;
        media = input.media === undefined ? t.media : media;
      }
      const waTemplate = input.waTemplate ?? null;
      const routing = input.routing ?? "weighted";
      await checkRefs(actor, { channelId: input.channelId, audience: input.audience });
      const { pool: checked, texts } = await checkSending(
        actor,
        { channelId: input.channelId, pool: input.pool, routing },
        { body, media, waTemplate },
      );
      if (texts && !body) body = texts.body;
      const c = await db.transaction(async (tx) => {
        const row = await insertCampaign(tx, {
          tenantId: actor.tenantId,
          name: input.name,
          channelId: input.channelId,
          routing,
          templateId: input.templateId ?? null,
          body,
          media,
          waTemplate,
          audience: stampAudience(actor, input.audience),
          createdBy: actor.userId,
        });
        await replacePool(tx, actor.tenantId, row.id, checked.pool);
        await recordAudit(tx, actor, {
          action: "campaign.create",
          target: { type: "campaign", id: row.id, name: row.name },
          changes: { channelId: [null, row.channelId], audience: [null, row.audience] },
        });
        return row;
      });
      return dto(c);
    },

    /** Edits a draft or scheduled campaign. @throws KabarError 404, 400 (also `unknown_media`), 409 once started. */
    async update(actor: Actor, id: string, input: UpdateCampaignInput): Promise<CampaignDto> {
      requirePermission(actor, "campaigns.create");
      const current = await row(actor, id);
      const channelId = input.channelId ?? current.channelId;
      await checkRefs(actor, { channelId, audience: input.audience });
      // A new main number without a pool sends alone; otherwise the pool stays as it was.
      const pool =
        input.pool ??
        (input.channelId !== undefined && input.channelId !== current.channelId
          ? [{ channelId, weight: 1 }]
          : (await poolsOf(db, [id])).get(id));
      const { pool: checked } = await checkSending(
        actor,
        { channelId, pool: pool?.length ? pool : undefined, routing: input.routing ?? current.routing },
        {
          body: input.body ?? current.body,
          media: input.media === undefined ? (current.media ?? null) : input.media,
          waTemplate: input.waTemplate === undefined ? (current.waTemplate ?? null) : input.waTemplate,
        },
      );
      const media = await checkAttachment(db, actor.tenantId, input.media);
      const { pool: _pool, ...columns } = input;
      const c = await db.transaction(async (tx) => {
        const u = await updateUnstartedCampaign(tx, actor.tenantId, id, {
          ...columns,
          ...(input.audience ? { audience: stampAudience(actor, input.audience) } : {}),
          ...(media !== undefined ? { media } : {}),
        });
        if (u) await replacePool(tx, actor.tenantId, id, checked.pool);
        return u;
      });
      if (!c) {
        await row(actor, id);
        throw campaignErrors.started();
      }
      return dto(c);
    },

    /**
     * The campaign with its counts, read in one snapshot so they agree (a governor's hold
     * writes `held_until` and the recipients' reasons in one statement: never one without
     * the other), with what Meta billed for it (`actualCost`, the status webhooks' pricing).
     * The API's GET, the realtime `campaign.progress` and the CLI all read it here.
     * @throws KabarError 404
     */
    async get(actor: Actor, id: string): Promise<CampaignDto> {
      requirePermission(actor, "campaigns.read");
      const read = async (tx: Db) => ({
        ...(await dto(await row(actor, id, tx), tx)),
        actualCost: await campaignActualCost(tx, actor.tenantId, id, metaRates),
      });
      return db.transaction(read, {
        isolationLevel: "repeatable read",
        accessMode: "read only",
      });
    },

    /** The tenant's campaigns, newest first, with their counts. */
    async list(actor: Actor, status?: CampaignStatus): Promise<CampaignDto[]> {
      requirePermission(actor, "campaigns.read");
      return dtos(await listCampaigns(db, actor, status));
    },

    /**
     * Starts a draft or scheduled campaign now: snapshots the audience and sets it running.
     * SaaS mode: the shop must be allowed to send and, unless `opts.allowPartial`, have a
     * message unit for each recipient to send (metering.ts `checkStartUnits`).
     * @throws KabarError 409 when not draft/scheduled, 400 `empty_audience` when no contact
     *   matches, 402 `subscription_inactive` / `quota_insufficient` (details `{ needed, left }`)
     */
    async start(actor: Actor, id: string, opts: { allowPartial?: boolean } = {}): Promise<CampaignDto> {
      requirePermission(actor, "campaigns.start");
      const started = await inTransaction(pool, async (tx, raw) => {
        const c = await lockCampaign(tx, actor.tenantId, id, actor);
        if (!c) throw campaignErrors.notFound();
        if (c.status !== "draft" && c.status !== "scheduled") {
          throw campaignErrors.notStartable({ status: c.status });
        }
        // A campaign written before pools (or straight into the table) sends from its own number.
        const stored = (await poolsOf(tx, [id])).get(id)!;
        const pool = await checkPool(tx, c.tenantId, {
          channelId: c.channelId,
          pool: stored.length ? stored : undefined,
          routing: c.routing,
        });
        if (!stored.length) await replacePool(tx, c.tenantId, id, pool.pool);
        // The template may have changed at Meta since the draft was written.
        const texts = c.waTemplate
          ? await checkWaTemplate(
              tx,
              c.tenantId,
              pool.templateChannelId ?? c.channelId,
              c.waTemplate,
              c.media !== null,
            )
          : null;
        const members = await poolMembers(tx, c.tenantId, pool.pool);
        const n = await snapshotAudience(
          tx,
          {
            ...c,
            audience: audienceStartedBy(actor, c.audience),
            waTemplate: c.waTemplate && texts ? { ref: c.waTemplate, texts } : null,
          },
          members,
        );
        if (n === 0) throw campaignErrors.emptyAudience();
        if (mode === "saas") await checkStartUnits(tx, c.tenantId, id, opts.allowPartial === true);
        const u = await markCampaignStarted(tx, id);
        await recordAudit(tx, actor, {
          action: "campaign.start",
          target: { type: "campaign", id, name: c.name },
          changes: { status: [c.status, "running"], recipients: [null, n] },
        });
        for (const m of members) await wake(raw, m.channelId);
        return u;
      });
      bus.emit("campaign.status", { tenantId: started.tenantId, campaignId: id, status: "running" });
      return dto(started);
    },

    /**
     * Schedules a draft to start at `at` (ISO with offset, or local time in `timeZone`,
     * default the shop's zone). Stored in UTC; the start job commits with the status.
     * @throws KabarError 400 `invalid_time` / `time_in_past`, 409 when not a draft.
     */
    async schedule(actor: Actor, id: string, at: string, timeZone: string): Promise<CampaignDto> {
      requirePermission(actor, "campaigns.start");
      const when = toUtc(at, timeZone);
      if (when.getTime() < Date.now() - 60_000) {
        throw campaignErrors.timeInPast();
      }
      if (actor.outletIds) await row(actor, id);
      const c = await inTransaction(pool, async (tx, raw) => {
        const u = await markCampaignScheduled(tx, actor.tenantId, id, when);
        if (!u) {
          await row(actor, id, tx);
          throw campaignErrors.notSchedulable();
        }
        await scheduleStart(raw, id, when);
        await recordAudit(tx, actor, {
          action: "campaign.schedule",
          target: { type: "campaign", id, name: u.name },
          changes: { status: ["draft", "scheduled"], scheduledAt: [null, when.toISOString()] },
        });
        return u;
      });
      bus.emit("campaign.status", { tenantId: c.tenantId, campaignId: id, status: "scheduled" });
      return dto(c);
    },

    /**
     * Called by the scheduled job: starts the campaign if it is still scheduled for (about)
     * now. Nobody is there to answer "not enough units": it starts partially (SaaS mode) and
     * pauses `quota_exhausted` when they run out.
     */
    async startScheduled(campaignId: string): Promise<void> {
      const c = await campaignById(db, campaignId);
      if (c?.status !== "scheduled" || !c.scheduledAt || c.scheduledAt.getTime() > Date.now() + 5_000) return;
      await service.start({ tenantId: c.tenantId, userId: null, role: "owner" }, campaignId, {
        allowPartial: true,
      });
    },

    /**
     * SaaS mode, units were added to the shop (`billing.units_added`: a paid top-up, renewal or
     * upgrade): its campaigns paused with `quota_exhausted` run again and their numbers'
     * dispatchers are woken (NOTIFY on commit). @returns the resumed campaigns' ids
     */
    async resumeQuotaPaused(tenantId: string): Promise<string[]> {
      const resumed = await inTransaction(pool, async (tx, raw) => {
        const rows = await resumeQuotaPaused(tx, tenantId);
        for (const r of rows) await wakePool(raw, r.id, r.channel_id);
        return rows;
      });
      for (const r of resumed) bus.emit("campaign.status", { tenantId, campaignId: r.id, status: "running" });
      return resumed.map((r) => r.id);
    },

    /** Pauses sending; recipients already handed to the network finish. @throws 404, 409 */
    async pause(actor: Actor, id: string): Promise<CampaignDto> {
      requirePermission(actor, "campaigns.start");
      const c = await transition(actor, id, ["running"], "paused");
      await recordAudit(db, actor, {
        action: "campaign.pause",
        target: { type: "campaign", id, name: c.name },
        changes: { status: ["running", "paused"] },
      });
      return dto(c);
    },

    /** Resumes a paused campaign. @throws 404, 409 */
    async resume(actor: Actor, id: string): Promise<CampaignDto> {
      requirePermission(actor, "campaigns.start");
      const c = await transition(actor, id, ["paused"], "running");
      await recordAudit(db, actor, {
        action: "campaign.resume",
        target: { type: "campaign", id, name: c.name },
        changes: { status: ["paused", "running"] },
      });
      await wakePool(db, c.id, c.channelId);
      return dto(c);
    },

    /** Cancels; recipients not yet sent become skipped(cancelled). @throws 404, 409 */
    async cancel(actor: Actor, id: string): Promise<CampaignDto> {
      requirePermission(actor, "campaigns.cancel");
      const before = await row(actor, id);
      const c = await transition(actor, id, ["draft", "scheduled", "running", "paused"], "cancelled", {
        finishedAt: new Date(),
      });
      await skipPendingRecipients(db, id);
      await recordAudit(db, actor, {
        action: "campaign.cancel",
        target: { type: "campaign", id, name: c.name },
        changes: { status: [before.status, "cancelled"] },
      });
      return dto(c);
    },

    /**
     * Sends again to recipients that failed: they go back to pending with fresh attempts,
     * and a finished campaign runs again. @returns how many recipients were re-queued.
     */
    async retryFailed(actor: Actor, id: string): Promise<{ requeued: number; campaign: CampaignDto }> {
      requirePermission(actor, "campaigns.start");
      const c = await row(actor, id);
      if (c.status === "cancelled" || c.status === "draft" || c.status === "scheduled") {
        throw campaignErrors.notRetryable({ status: c.status });
      }
      const requeued = await inTransaction(pool, async (tx, raw) => {
        const n = await requeueFailedRecipients(tx, id);
        if (n > 0 && (c.status === "completed" || c.status === "failed")) {
          await reopenCampaign(tx, id);
        }
        await wakePool(raw, id, c.channelId);
        await recordAudit(tx, actor, {
          action: "campaign.retry_failed",
          target: { type: "campaign", id, name: c.name },
          changes: { requeued: [null, n] },
        });
        return n;
      });
      return { requeued, campaign: await dto(await row(actor, id)) };
    },

    /** A new draft to the campaign's suspected drops on another number (resend.ts). @throws 404, 400, 409 */
    resendDrops(actor: Actor, id: string, input: ResendDropsInput): Promise<CampaignDto> {
      return resendDrops({ db, create: service.create }, actor, id, input);
    },

    /** A page of the per-recipient report. @throws 404 */
    async recipients(actor: Actor, id: string, q: RecipientPageQuery) {
      requirePermission(actor, "campaigns.read");
      await row(actor, id);
      const rows = await recipientsPage(db, actor.tenantId, id, q);
      return rows.map(({ r, name }) => ({
        id: r.id,
        contactId: r.contactId,
        channelId: r.channelId,
        phone: r.phone,
        name,
        text: r.text,
        status: r.status,
        attempts: r.attempts,
        failureCode: r.failureCode,
        failureReason: r.failureReason,
        messageId: r.messageId,
        sentAt: r.sentAt?.toISOString() ?? null,
        deliveredAt: r.deliveredAt?.toISOString() ?? null,
        readAt: r.readAt?.toISOString() ?? null,
        repliedAt: r.repliedAt?.toISOString() ?? null,
      }));
    },
  };
  return service;
}

export type CampaignService = ReturnType<typeof createCampaignService>;

function toDto(
  c: CampaignRow,
  counts: CampaignDto["counts"],
  pool: PoolEntry[],
  byChannel: ChannelCounts[],
): CampaignDto {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    id: c.id,
    name: c.name,
    channelId: c.channelId,
    templateId: c.templateId,
    body: c.body,
    media: c.media ?? null,
    waTemplate: c.waTemplate ?? null,
    audience: c.audience as CampaignDto["audience"],
    status: c.status,
    statusReason: c.statusReason,
    scheduledAt: iso(c.scheduledAt),
    startedAt: iso(c.startedAt),
    finishedAt: iso(c.finishedAt),
    createdAt: c.createdAt.toISOString(),
    counts,
    heldUntil: iso(c.heldUntil),
    pool: pool.length ? pool : [{ channelId: c.channelId, weight: 1 }],
    routing: c.routing,
    byChannel,
  };
}
