/**
 * RFM segments (rules.ts): computed from the shop's orders nightly (jobs/rfm-refresh.ts) and
 * on demand, counted per segment, shown on a contact, used as a contact filter and a campaign
 * audience. Owners change the thresholds; anyone signed in reads.
 */
import type { Db } from "../../db/client.js";
import { type Actor, requirePermission } from "../../lib/actor.js";
import {
  finishRefresh,
  rfmOfContact,
  rfmSettingsOf,
  saveThresholds,
  scoredCustomers,
  segmentCounts,
  upsertRfm,
} from "./queries.js";
import { DEFAULT_THRESHOLDS, segmentOf } from "./rules.js";
import {
  type ContactRfmDto,
  rfmSegmentSchema,
  type RfmThresholds,
  rfmThresholdsSchema,
  type SegmentsOverviewDto,
} from "./schemas.js";

/** Rows written per statement. */
const BATCH = 5_000;

/** The shop's thresholds: its stored changes over the defaults (a stored value no longer valid falls back to its default). */
async function thresholdsOf(
  db: Db,
  tenantId: string,
): Promise<{ thresholds: RfmThresholds; computedAt: Date | null }> {
  const stored = await rfmSettingsOf(db, tenantId);
  const parsed = rfmThresholdsSchema.safeParse(stored.thresholds);
  return { thresholds: parsed.success ? parsed.data : DEFAULT_THRESHOLDS, computedAt: stored.computedAt };
}

/**
 * Recomputes one shop's segments as of `now`: scores from the orders, segment by the shop's
 * thresholds, written in batches in one transaction (readers see the old or the new, never
 * half); customers left without an order lose their row.
 * @returns how many customers were scored
 */
export async function refreshSegments(db: Db, tenantId: string, now: Date = new Date()): Promise<number> {
  const { thresholds } = await thresholdsOf(db, tenantId);
  const scored = await scoredCustomers(db, tenantId, now);
  const rows = scored.map((c) => ({ ...c, segment: segmentOf({ ...c }, thresholds) }));
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += BATCH) await upsertRfm(tx, tenantId, rows.slice(i, i + BATCH), now);
    await finishRefresh(tx, tenantId, now);
  });
  return rows.length;
}

export function createSegmentService(db: Db) {
  async function overview(actor: Actor): Promise<SegmentsOverviewDto> {
    const [{ thresholds, computedAt }, counts] = await Promise.all([
      thresholdsOf(db, actor.tenantId),
      segmentCounts(db, actor),
    ]);
    const segments = rfmSegmentSchema.options.map((segment) => ({
      segment,
      customers: counts.get(segment) ?? 0,
    }));
    return {
      segments,
      customers: segments.reduce((n, s) => n + s.customers, 0),
      thresholds,
      computedAt: computedAt?.toISOString() ?? null,
    };
  }
  return {
    /**
     * Each segment's customers (an actor limited to outlets counts only their outlets'
     * contacts; the segments themselves are computed over the whole shop's orders), the
     * thresholds and when they were computed.
     */
    overview,
    /** Recomputes the shop's segments now. @returns the new overview */
    async refresh(actor: Actor): Promise<SegmentsOverviewDto> {
      requirePermission(actor, "contacts.update");
      await refreshSegments(db, actor.tenantId);
      return overview(actor);
    },
    /**
     * Changes thresholds (left-out ones keep their value) and recomputes at once, so the
     * counts shown match the new rules. Owners only. @throws KabarError 403
     */
    async updateThresholds(actor: Actor, input: Partial<RfmThresholds>): Promise<SegmentsOverviewDto> {
      requirePermission(actor, "settings.update");
      const { thresholds } = await thresholdsOf(db, actor.tenantId);
      const next = { ...thresholds, ...input };
      const changed = Object.fromEntries(
        Object.entries(next).filter(([k, v]) => DEFAULT_THRESHOLDS[k as keyof RfmThresholds] !== v),
      );
      await saveThresholds(db, actor.tenantId, changed);
      await refreshSegments(db, actor.tenantId);
      return overview(actor);
    },
    /** A contact's figures and segment; null when they have no order (or no such contact in the shop or the actor's outlets). */
    async ofContact(actor: Actor, contactId: string): Promise<ContactRfmDto | null> {
      requirePermission(actor, "contacts.read");
      const r = await rfmOfContact(db, actor, contactId);
      if (!r) return null;
      return {
        segment: r.segment,
        recencyDays: r.recencyDays,
        frequency: r.frequency,
        monetary: r.monetary,
        ordersEver: r.ordersEver,
        scores: { r: r.rScore, f: r.fScore, m: r.mScore },
        lastOrderAt: r.lastOrderAt.toISOString(),
        computedAt: r.computedAt.toISOString(),
      };
    },
  };
}
