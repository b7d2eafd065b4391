/**
 * Statements on the `campaigns` table that the campaign service runs: reading, creating and
 * editing a campaign, and moving it between states. The rules (who may, which state may
 * follow which, what an answer of "no row" means) stay in service.ts.
 */
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Actor } from "../../../lib/actor.js";
import { channelInScope } from "../../outlets/index.js";
import type { Db } from "../../../db/client.js";
import {
  campaigns,
  type Audience,
  type CampaignRouting,
  type CampaignStatus,
  type MediaAttachment,
  type TemplateParamValues,
  type WaTemplateRef,
} from "../../../db/schema/index.js";

/** Campaigns on a number of the actor's outlets (issue 13); no condition without an actor or for one of every outlet. */
const inScope = (actor: Actor | undefined) =>
  actor?.outletIds ? channelInScope(actor, campaigns.channelId) : undefined;

/** The stored shapes of a campaign's columns (its audience, media, WhatsApp template, status). */
export type {
  Audience,
  CampaignRouting,
  CampaignStatus,
  MediaAttachment,
  TemplateParamValues,
  WaTemplateRef,
};

/** A stored campaign row. */
export type CampaignRow = typeof campaigns.$inferSelect;

/** A new campaign, as inserted (status `draft` by the column's default). */
export type CampaignInsert = typeof campaigns.$inferInsert;

/** Columns of a campaign a verb sets. */
export type CampaignSet = Partial<CampaignInsert>;

/**
 * The tenant's campaign `id` (read on `db`, or on a transaction's handle), on a number of
 * `actor`'s outlets when given. @returns the row, undefined when the tenant has none such
 */
export async function campaignOfTenant(
  db: Db,
  tenantId: string,
  id: string,
  actor?: Actor,
): Promise<CampaignRow | undefined> {
  const [c] = await db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.tenantId, tenantId), eq(campaigns.id, id), inScope(actor)));
  return c;
}

/** Campaign `id` in whichever tenant (the scheduled-start job knows only the id). @returns the row, or undefined */
export async function campaignById(db: Db, id: string): Promise<CampaignRow | undefined> {
  const [c] = await db.select().from(campaigns).where(eq(campaigns.id, id));
  return c;
}

/** The tenant's campaign `id`, locked FOR UPDATE until the caller's transaction `tx` ends. @returns the row, or undefined */
export async function lockCampaign(
  tx: Db,
  tenantId: string,
  id: string,
  actor?: Actor,
): Promise<CampaignRow | undefined> {
  const [c] = await tx
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.tenantId, tenantId), eq(campaigns.id, id), inScope(actor)))
    .for("update");
  return c;
}

/** The actor's latest 200 campaigns (its tenant's, on its outlets' numbers; only those in `status` when given), newest first. */
export function listCampaigns(db: Db, actor: Actor, status?: CampaignStatus): Promise<CampaignRow[]> {
  const where = and(
    eq(campaigns.tenantId, actor.tenantId),
    status ? eq(campaigns.status, status) : undefined,
    inScope(actor),
  );
  return db.select().from(campaigns).where(where).orderBy(desc(campaigns.createdAt)).limit(200);
}

/** Inserts a campaign. @returns the stored row */
export async function insertCampaign(db: Db, values: CampaignInsert): Promise<CampaignRow> {
  const [c] = await db.insert(campaigns).values(values).returning();
  return c!;
}

/**
 * Applies `set` (and a fresh `updated_at`) to the tenant's campaign while it is still
 * `draft` or `scheduled`. @returns the updated row, undefined when none matched
 */
export async function updateUnstartedCampaign(
  db: Db,
  tenantId: string,
  id: string,
  set: CampaignSet,
): Promise<CampaignRow | undefined> {
  const [c] = await db
    .update(campaigns)
    .set({ ...set, updatedAt: new Date() })
    .where(
      and(
        eq(campaigns.tenantId, tenantId),
        eq(campaigns.id, id),
        inArray(campaigns.status, ["draft", "scheduled"]),
      ),
    )
    .returning();
  return c;
}

/**
 * Moves the tenant's campaign to `to` when its status is one of `from`, clearing the status
 * reason and setting `extra` too. @returns the updated row, undefined when none matched
 */
export async function transitionCampaign(
  db: Db,
  tenantId: string,
  id: string,
  from: CampaignStatus[],
  to: CampaignStatus,
  extra: CampaignSet = {},
): Promise<CampaignRow | undefined> {
  const [c] = await db
    .update(campaigns)
    .set({ status: to, updatedAt: new Date(), statusReason: null, ...extra })
    .where(and(eq(campaigns.tenantId, tenantId), eq(campaigns.id, id), inArray(campaigns.status, from)))
    .returning();
  return c;
}

/** Sets campaign `id` running from now (`started_at`), in the caller's transaction `tx`. @returns the updated row */
export async function markCampaignStarted(tx: Db, id: string): Promise<CampaignRow> {
  const [u] = await tx
    .update(campaigns)
    .set({ status: "running", startedAt: new Date(), updatedAt: new Date(), statusReason: null })
    .where(eq(campaigns.id, id))
    .returning();
  return u!;
}

/**
 * Schedules the tenant's `draft` or `scheduled` campaign to start at `when` (UTC), in the
 * caller's transaction `tx`. @returns the updated row, undefined when none matched
 */
export async function markCampaignScheduled(
  tx: Db,
  tenantId: string,
  id: string,
  when: Date,
): Promise<CampaignRow | undefined> {
  const [u] = await tx
    .update(campaigns)
    .set({ status: "scheduled", scheduledAt: when, updatedAt: new Date() })
    .where(
      and(
        eq(campaigns.tenantId, tenantId),
        eq(campaigns.id, id),
        inArray(campaigns.status, ["draft", "scheduled"]),
      ),
    )
    .returning();
  return u;
}

/** Sets finished campaign `id` running again (no `finished_at`, no reason), in the caller's transaction `tx`. */
export async function reopenCampaign(tx: Db, id: string): Promise<void> {
  await tx
    .update(campaigns)
    .set({ status: "running", finishedAt: null, statusReason: null, updatedAt: new Date() })
    .where(eq(campaigns.id, id));
}
