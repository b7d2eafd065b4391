/**
 * The audience of a campaign: which of the tenant's contacts it selects (`all`, by labels,
 * or an import's), as SQL pieces, and the reads of those contacts for the snapshot and the
 * composer's estimate.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "../../../db/client.js";
import type { Audience } from "../../../db/schema/index.js";
import { contactWrote } from "../../inbox/index.js";
import { reminderRunColumns, reminderRunJoin } from "../../reminders/index.js";
import { inSegment } from "../../segments/index.js";
import { customersOfOutlets } from "../../outlets/index.js";

/**
 * SQL pieces that select an audience's contacts from `contacts c` (the same rule as the
 * snapshot taken when a campaign starts): `all` = every contact of the tenant; `labels`
 * = contacts with any (`&&`) or all (`@>`) of the labels; `import` = the contacts an
 * import created or merged (joined through `import_rows ir`); `drops` = the contacts whose
 * recipients in another campaign are suspected drops now (joined through `campaign_recipients dr`);
 * `reminders` = the customers of a reminder run (the reminders module's fragment).
 */
function audienceJoin(a: Audience): SQL {
  if (a.type === "import")
    return sql`JOIN import_rows ir ON ir.contact_id = c.id AND ir.import_id = ${a.importId}::uuid`;
  if (a.type === "drops")
    return sql`JOIN campaign_recipients dr ON dr.contact_id = c.id AND dr.campaign_id = ${a.campaignId}::uuid AND dr.status = 'suspected_drop'`;
  if (a.type === "reminders") return reminderRunJoin(a.runId);
  return sql``;
}

/**
 * The `AND …` condition of an audience (empty for `all` and `import`; see `audienceJoin`);
 * `outlet` = the outlet's customers (homed there or in `contact_outlets`), and any audience
 * stamped with `outletIds` (staff limited to outlets) keeps only those outlets' customers.
 */
function audienceWhere(a: Audience): SQL {
  const contact = { id: sql.raw("c.id"), home: sql.raw("c.home_outlet_id") };
  const within = a.outletIds ? sql` AND ${customersOfOutlets(a.outletIds, contact)}` : sql``;
  return sql`${ownWhere(a, contact)}${within}`;
}

/** The condition of the audience's own type (see {@link audienceWhere}). */
function ownWhere(a: Audience, contact: { id: SQL; home: SQL }): SQL {
  if (a.type === "segment") return sql`AND ${inSegment(sql.raw("c.id"), a.segment)}`;
  if (a.type === "outlet") return sql`AND ${customersOfOutlets([a.outletId], contact)}`;
  if (a.type !== "labels") return sql``;
  const labels = sql`${sql.param(a.labels)}::text[]`;
  return a.match === "all" ? sql`AND c.labels @> ${labels}` : sql`AND c.labels && ${labels}`;
}

/** A contact of the audience as the snapshot renders it. */
type AudienceContact = {
  id: string;
  phone: string;
  name: string | null;
  attributes: Record<string, string>;
  opted_out: boolean;
  /** The import's raw columns ({{1}}, {{2}} …) for an import audience, else null. */
  columns: string[] | null;
};

/**
 * One keyset page of the tenant's contacts in `audience` (opted-out ones included), in id
 * order after contact id `after`, at most `limit`; read in the caller's transaction `tx`.
 */
export async function audiencePage(
  tx: Db | Tx,
  tenantId: string,
  audience: Audience,
  after: string,
  limit: number,
): Promise<AudienceContact[]> {
  return (
    await tx.execute<AudienceContact>(sql`
      SELECT c.id, c.phone, c.name, c.attributes, c.opted_out, ${columnsExpr(audience)} AS columns
      FROM contacts c ${audienceJoin(audience)}
      WHERE c.tenant_id = ${tenantId} AND c.id > ${after}::uuid ${audienceWhere(audience)}
      ORDER BY c.id LIMIT ${limit}`)
  ).rows;
}

/** The import's raw columns of each contact ({{1}}, {{2}} … of the template) for an import audience; a reminder run's values for a reminders one. */
function columnsExpr(a: Audience): SQL {
  if (a.type === "reminders") return reminderRunColumns;
  return a.type === "import" ? sql`ir.columns` : sql`NULL::text[]`;
}

/**
 * The contacts of `audience` that would be sent to (not opted out), counted by the first 4
 * digits of their E.164 phone (enough for every country calling code, 1–3 digits, and the
 * 4-digit NANP areas): what Meta's per-message prices are read by (src/channels/meta-pricing.ts).
 */
export async function audienceByPhonePrefix(
  db: Db,
  tenantId: string,
  a: Audience,
): Promise<Map<string, number>> {
  const rows = (
    await db.execute<{ prefix: string; n: number }>(sql`
          SELECT substr(ltrim(c.phone, '+'), 1, 4) AS prefix, count(DISTINCT c.id)::int AS n
          FROM contacts c ${audienceJoin(a)}
          WHERE c.tenant_id = ${tenantId} AND NOT c.opted_out ${audienceWhere(a)}
          GROUP BY 1`)
  ).rows;
  return new Map(rows.map((r) => [r.prefix, r.n]));
}

/**
 * How many contacts of the tenant `audience` holds, how many of them opted out, and how
 * many of the others are warm on channel `warm.channelId` (wrote to it ever, or to any of
 * the shop's numbers within `warm.days` days: the snapshot's rule, inbox `contactWrote`).
 */
export async function audienceCounts(
  db: Db,
  tenantId: string,
  a: Audience,
  warm: { channelId: string; days: number },
): Promise<{ recipients: number; opted_out: number; warm: number }> {
  const wrote = contactWrote(sql`c.id`, { tenantId, ...warm });
  const [counts] = (
    await db.execute<{ recipients: number; opted_out: number; warm: number }>(sql`
          SELECT count(DISTINCT c.id)::int AS recipients, count(DISTINCT c.id) FILTER (WHERE c.opted_out)::int AS opted_out,
            count(DISTINCT c.id) FILTER (WHERE NOT c.opted_out AND ${wrote})::int AS warm
          FROM contacts c ${audienceJoin(a)}
          WHERE c.tenant_id = ${tenantId} ${audienceWhere(a)}`)
  ).rows;
  return counts!;
}
