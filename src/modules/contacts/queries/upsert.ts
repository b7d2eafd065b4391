/**
 * The contacts module's upsert statement: many contacts created or merged by phone in one
 * statement; the merge of rows within one call lives in `../upsert.ts`.
 */
import { sql } from "drizzle-orm";
import { executeNamed } from "../../../db/named.js";
import type { Db, Tx } from "../../../db/client.js";

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
export const OTHER_PHONES = "other_phones";

/**
 * Creates or merges `rows` (one per phone) in one INSERT … ON CONFLICT statement: attributes
 * merged (new values win) except `other_phones`, united; labels united; the name kept,
 * replaced or filled by its source (see `upsertContacts`); `homeOutletId` homes new contacts
 * and those without a home (issue 13), never moves one.
 * @returns each phone's contact id and whether it was created
 */
export async function insertOrMergeContacts(
  db: Db | Tx,
  tenantId: string,
  rows: ContactUpsert[],
  nameSource: "import" | "profile",
  homeOutletId: string | null = null,
): Promise<UpsertOutcome[]> {
  const payload = JSON.stringify(rows.map((r) => ({ ...r, name: r.name ?? null })));
  // A named prepared statement: planned once per connection (the order API runs it per order).
  const result = await executeNamed<{ id: string; phone: string; created: boolean }>(
    db,
    "contacts_upsert",
    sql`
    INSERT INTO contacts (tenant_id, phone, name, name_source, attributes, labels, home_outlet_id)
    SELECT ${tenantId}::uuid, r.phone, r.name, CASE WHEN r.name IS NULL THEN NULL ELSE ${nameSource} END,
           coalesce(r.attributes, '{}'::jsonb), ARRAY(SELECT jsonb_array_elements_text(coalesce(r.labels, '[]'::jsonb))),
           ${homeOutletId}::uuid
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
      home_outlet_id = coalesce(contacts.home_outlet_id, excluded.home_outlet_id),
      updated_at = now()
    RETURNING id, phone, (xmax = 0) AS created`,
  );
  return result.rows;
}
