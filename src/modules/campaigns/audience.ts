import { sql, type SQL } from "drizzle-orm";
import type { Audience } from "../../db/schema/index.js";

/**
 * SQL pieces that select an audience's contacts from `contacts c` (the same rule as the
 * snapshot taken when a campaign starts): `all` = every contact of the tenant; `labels`
 * = contacts with any (`&&`) or all (`@>`) of the labels; `import` = the contacts an
 * import created or merged (joined through `import_rows ir`).
 */
export function audienceJoin(a: Audience): SQL {
  return a.type === "import"
    ? sql`JOIN import_rows ir ON ir.contact_id = c.id AND ir.import_id = ${a.importId}::uuid`
    : sql``;
}

/** The `AND …` condition of an audience (empty for `all` and `import`); see `audienceJoin`. */
export function audienceWhere(a: Audience): SQL {
  if (a.type !== "labels") return sql``;
  const labels = sql`${sql.param(a.labels)}::text[]`;
  return a.match === "all" ? sql`AND c.labels @> ${labels}` : sql`AND c.labels && ${labels}`;
}
