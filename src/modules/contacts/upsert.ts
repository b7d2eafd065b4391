import type { Db, Tx } from "../../db/client.js";
import {
  type ContactUpsert,
  insertOrMergeContacts,
  OTHER_PHONES,
  type UpsertOutcome,
} from "./queries/upsert.js";

export type { UpsertOutcome };

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
 * `homeOutletId` (issue 13) becomes the home outlet of new contacts and of those without one.
 */
export async function upsertContacts(
  db: Db | Tx,
  tenantId: string,
  rows: ContactUpsert[],
  nameSource: "import" | "profile",
  homeOutletId: string | null = null,
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
  return insertOrMergeContacts(db, tenantId, [...merged.values()], nameSource, homeOutletId);
}
