/** Statements on `auto_reply_rules` (the rules service's reads and writes, the engine's rule list). */
import { and, asc, eq, isNull, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../../db/client.js";
import { type AutoReplyType, autoReplyRules } from "../../../db/schema/index.js";
import type { Actor } from "../../../lib/actor.js";
import { channelInScope } from "../../outlets/index.js";
import { parseConfig, type MatchableRule } from "../rules.js";

export type { AutoReplyType };

/** A stored rule. */
export type RuleRow = typeof autoReplyRules.$inferSelect;
/** What a new rule row holds (`tenantId` included; ids, counts and times default). */
type RuleInsert = typeof autoReplyRules.$inferInsert;

/** A rule row whose config validated for its type, ready for the matcher. */
export type LiveRule = RuleRow & MatchableRule;

/** The tenant's enabled rules whose config still validates, oldest first. */
export async function enabledRules(db: Db, tenantId: string): Promise<LiveRule[]> {
  const rows = await db
    .select()
    .from(autoReplyRules)
    .where(and(eq(autoReplyRules.tenantId, tenantId), eq(autoReplyRules.enabled, true)))
    .orderBy(asc(autoReplyRules.createdAt));
  const out: LiveRule[] = [];
  for (const r of rows) {
    const config = parseConfig(r.type, r.config);
    if (config) out.push({ ...r, config } as LiveRule);
  }
  return out;
}

/** The tenant's enabled rule rows as stored (config not parsed), in no particular order. */
export async function enabledRuleRows(db: Db, tenantId: string): Promise<RuleRow[]> {
  return db
    .select()
    .from(autoReplyRules)
    .where(and(eq(autoReplyRules.tenantId, tenantId), eq(autoReplyRules.enabled, true)));
}

/**
 * The rules the actor sees (issue 13): every rule for an actor of every outlet; else the
 * rules of its outlets' numbers and the shop-wide ones (`channel_id` NULL: they answer on
 * its numbers too).
 */
export function rulesOfActor(actor: Actor): SQL {
  if (!actor.outletIds) return sql`TRUE`;
  return or(isNull(autoReplyRules.channelId), channelInScope(actor, autoReplyRules.channelId))!;
}

/** Every rule of the tenant within `scope` ({@link rulesOfActor}; every rule when absent), in no particular order. */
export async function rulesOfTenant(db: Db, tenantId: string, scope: SQL = sql`TRUE`): Promise<RuleRow[]> {
  return db
    .select()
    .from(autoReplyRules)
    .where(and(eq(autoReplyRules.tenantId, tenantId), scope));
}

/** One rule of the tenant within `scope`; null when the tenant has no rule with this id in it. */
export async function ruleById(
  db: Db,
  tenantId: string,
  id: string,
  scope: SQL = sql`TRUE`,
): Promise<RuleRow | null> {
  const [r] = await db
    .select()
    .from(autoReplyRules)
    .where(and(eq(autoReplyRules.tenantId, tenantId), eq(autoReplyRules.id, id), scope));
  return r ?? null;
}

/** Inserts a rule. @returns the stored row */
export async function insertRule(db: Db, values: RuleInsert): Promise<RuleRow> {
  const [r] = await db.insert(autoReplyRules).values(values).returning();
  return r!;
}

/**
 * Updates the given columns of the tenant's rule.
 * @returns the stored row, null when the tenant has no rule with this id
 */
export async function updateRule(
  db: Db,
  tenantId: string,
  id: string,
  set: Partial<Omit<RuleInsert, "id" | "tenantId">>,
): Promise<RuleRow | null> {
  const [r] = await db
    .update(autoReplyRules)
    .set(set)
    .where(and(eq(autoReplyRules.tenantId, tenantId), eq(autoReplyRules.id, id)))
    .returning();
  return r ?? null;
}

/**
 * Deletes the tenant's rule (its log goes with it: ON DELETE CASCADE).
 * @returns whether a row was deleted
 */
export async function deleteRule(db: Db, tenantId: string, id: string): Promise<boolean> {
  const [r] = await db
    .delete(autoReplyRules)
    .where(and(eq(autoReplyRules.tenantId, tenantId), eq(autoReplyRules.id, id)))
    .returning({ id: autoReplyRules.id });
  return r !== undefined;
}
