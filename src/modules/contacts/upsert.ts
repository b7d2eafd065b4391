import { sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client.js";

/** One contact to create or merge, keyed by E.164 phone. */
export interface ContactUpsert {
  phone: string;
  name?: string;
  attributes: Record<string, string>;
  labels: string[];
}

/** What happened to one phone: its contact id and whether it was new. */
export interface UpsertOutcome {
  id: string;
  phone: string;
  created: boolean;
}

/**
 * Creates or merges contacts in one statement. Merge rules: attributes are merged (new
 * values win), labels are united, and the name follows its source — a name set by hand
 * ('manual') is never overwritten; an import name replaces an earlier import or profile
 * name; a WhatsApp profile name only fills an empty name or replaces an earlier profile name.
 * Rows are merged by phone first, so one call may carry the same phone twice.
 */
export async function upsertContacts(
  db: Db | Tx,
  tenantId: string,
  rows: ContactUpsert[],
  nameSource: "import" | "profile",
): Promise<UpsertOutcome[]> {
  if (rows.length === 0) return [];
  const merged = new Map<string, ContactUpsert>();
  for (const r of rows) {
    const prev = merged.get(r.phone);
    merged.set(
      r.phone,
      prev
        ? {
            phone: r.phone,
            name: r.name ?? prev.name,
            attributes: { ...prev.attributes, ...r.attributes },
            labels: [...new Set([...prev.labels, ...r.labels])],
          }
        : r,
    );
  }
  const payload = JSON.stringify([...merged.values()].map((r) => ({ ...r, name: r.name ?? null })));
  const result = await db.execute<{ id: string; phone: string; created: boolean }>(sql`
    INSERT INTO contacts (tenant_id, phone, name, name_source, attributes, labels)
    SELECT ${tenantId}::uuid, r.phone, r.name, CASE WHEN r.name IS NULL THEN NULL ELSE ${nameSource} END,
           coalesce(r.attributes, '{}'::jsonb), ARRAY(SELECT jsonb_array_elements_text(coalesce(r.labels, '[]'::jsonb)))
    FROM jsonb_to_recordset(${payload}::jsonb) AS r(phone text, name text, attributes jsonb, labels jsonb)
    ON CONFLICT (tenant_id, phone) DO UPDATE SET
      name = CASE
        WHEN excluded.name IS NULL OR contacts.name_source = 'manual' THEN contacts.name
        WHEN ${nameSource} = 'profile' AND contacts.name IS NOT NULL AND contacts.name_source <> 'profile' THEN contacts.name
        ELSE excluded.name END,
      name_source = CASE
        WHEN excluded.name IS NULL OR contacts.name_source = 'manual' THEN contacts.name_source
        WHEN ${nameSource} = 'profile' AND contacts.name IS NOT NULL AND contacts.name_source <> 'profile' THEN contacts.name_source
        ELSE excluded.name_source END,
      attributes = contacts.attributes || excluded.attributes,
      labels = ARRAY(SELECT DISTINCT l FROM unnest(contacts.labels || excluded.labels) l ORDER BY l),
      updated_at = now()
    RETURNING id, phone, (xmax = 0) AS created`);
  return result.rows;
}
