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

/** The attribute holding a contact's other numbers, comma-separated E.164 (see import/contact.ts). */
const OTHER_PHONES = "other_phones";

/** Both comma-separated number lists united, first spelling order kept, without `own` (the contact's phone). */
function unitePhones(a: string | undefined, b: string | undefined, own: string): string | undefined {
  const all = [...(a ?? "").split(","), ...(b ?? "").split(",")].map((p) => p.trim());
  const united = [...new Set(all)].filter((p) => p !== "" && p !== own);
  return united.length ? united.join(",") : undefined;
}

/**
 * Creates or merges contacts in one statement. Merge rules: attributes are merged (new
 * values win) except `other_phones`, the contact's other numbers, which are united (a
 * file without one of them never removes it); labels are united (a file adds labels,
 * never removes one); and the name follows its source — a name set by hand
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
    if (!prev) {
      merged.set(r.phone, r);
      continue;
    }
    const attributes = { ...prev.attributes, ...r.attributes };
    const others = unitePhones(prev.attributes[OTHER_PHONES], r.attributes[OTHER_PHONES], r.phone);
    if (others) attributes[OTHER_PHONES] = others;
    merged.set(r.phone, {
      phone: r.phone,
      name: r.name ?? prev.name,
      attributes,
      labels: [...new Set([...prev.labels, ...r.labels])],
    });
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
      attributes = contacts.attributes || excluded.attributes || coalesce((
        SELECT jsonb_build_object(${OTHER_PHONES}::text, string_agg(u.p, ',' ORDER BY u.o))
        FROM (
          SELECT btrim(t.p) AS p, min(t.o) AS o
          FROM unnest(
            string_to_array(coalesce(contacts.attributes->>${OTHER_PHONES}::text, ''), ',')
              || string_to_array(coalesce(excluded.attributes->>${OTHER_PHONES}::text, ''), ',')
          ) WITH ORDINALITY AS t(p, o)
          WHERE btrim(t.p) NOT IN ('', contacts.phone)
          GROUP BY btrim(t.p)
        ) u
        HAVING count(*) > 0), '{}'::jsonb),
      labels = ARRAY(SELECT DISTINCT l FROM unnest(contacts.labels || excluded.labels) l ORDER BY l),
      updated_at = now()
    RETURNING id, phone, (xmax = 0) AS created`);
  return result.rows;
}
