/**
 * Statements of the contacts module on its import tables (`imports`, `import_rows`,
 * `import_errors`); the rules of an import (batches, retries, reasons) live in `../imports.ts`.
 */
import { and, asc, desc, eq, lt, sql } from "drizzle-orm";
import type { Db } from "../../../db/client.js";
import { importErrors, imports } from "../../../db/schema/index.js";
import type { Actor } from "../../../lib/actor.js";
import { outletInScope } from "../../outlets/index.js";

/**
 * The imports the actor sees: of its shop, and for an actor limited to outlets only those
 * of its outlets (`imports.outlet_id`; an import without an outlet is shop-wide, seen only by
 * actors of every outlet).
 */
const importsOf = (actor: Actor) =>
  and(eq(imports.tenantId, actor.tenantId), outletInScope(actor, imports.outletId));

/** A stored import. */
export type ImportRow = typeof imports.$inferSelect;

/** The running counts of an import (rows read, contacts created, merged, rows rejected). */
interface ImportCounts {
  totalRows: number;
  created: number;
  merged: number;
  rejected: number;
}

/** Most imports {@link listImports} returns. */
const LIST_LIMIT = 100;

/** Inserts a new `processing` import. @returns its id */
export async function insertImport(
  db: Db,
  input: {
    tenantId: string;
    createdBy: string | null;
    filename: string | null;
    format: string;
    labels: string[];
    /** The outlet the import is for (its contacts' home); null: shop-wide. */
    outletId: string | null;
  },
): Promise<string> {
  const [row] = await db.insert(imports).values(input).returning({ id: imports.id });
  return row!.id;
}

/**
 * Links stored rows to the contacts they made or merged into (`import_rows`, with the row's
 * line and cells); a contact already linked to this import keeps its first row.
 */
export async function insertImportRows(
  db: Db,
  importId: string,
  tenantId: string,
  rows: Array<{ contactId: string | undefined; line: number; columns: string[] }>,
): Promise<void> {
  const linkRows = JSON.stringify(
    rows.map((r) => ({ contact_id: r.contactId, line: r.line, columns: r.columns })),
  );
  await db.execute(sql`
    INSERT INTO import_rows (import_id, contact_id, tenant_id, line, columns)
    SELECT ${importId}::uuid, r.contact_id, ${tenantId}::uuid, r.line,
           ARRAY(SELECT jsonb_array_elements_text(r.columns))
    FROM jsonb_to_recordset(${linkRows}::jsonb) AS r(contact_id uuid, line int, columns jsonb)
    ON CONFLICT (import_id, contact_id) DO NOTHING`);
}

/** Inserts rejected rows (`import_errors`); a line already stored for the import is skipped. */
export async function insertImportErrors(
  db: Db,
  rows: Array<{ importId: string; tenantId: string; line: number; reason: string; raw: string | null }>,
): Promise<void> {
  await db.insert(importErrors).values(rows).onConflictDoNothing();
}

/** Writes an import's running counts and renews its heartbeat (now). */
export async function updateImportProgress(db: Db, importId: string, counts: ImportCounts): Promise<void> {
  await db
    .update(imports)
    .set({ ...counts, heartbeatAt: new Date() })
    .where(eq(imports.id, importId));
}

/** Records the format the reader detected for an import. */
export async function setImportFormat(db: Db, importId: string, format: string): Promise<void> {
  await db.update(imports).set({ format }).where(eq(imports.id, importId));
}

/** Renews an import's heartbeat (now), the sign its process is alive. */
export async function touchImportHeartbeat(db: Db, importId: string): Promise<void> {
  await db.update(imports).set({ heartbeatAt: new Date() }).where(eq(imports.id, importId));
}

/** Marks an import `completed` (finished now) with its final counts. */
export async function completeImport(db: Db, importId: string, counts: ImportCounts): Promise<void> {
  await db
    .update(imports)
    .set({ ...counts, status: "completed", finishedAt: new Date() })
    .where(eq(imports.id, importId));
}

/** Marks a running import `failed` (finished now) with its counts so far and the reason. */
export async function failImportRun(
  db: Db,
  importId: string,
  counts: ImportCounts,
  error: string,
): Promise<void> {
  await db
    .update(imports)
    .set({ ...counts, status: "failed", error, finishedAt: new Date() })
    .where(eq(imports.id, importId));
}

/** Marks a shop's import `failed` (finished now) with a reason, leaving its counts. */
export async function markImportFailed(db: Db, tenantId: string, id: string, error: string): Promise<void> {
  await db
    .update(imports)
    .set({ status: "failed", error, finishedAt: new Date() })
    .where(and(eq(imports.tenantId, tenantId), eq(imports.id, id)));
}

/** An import the actor sees, by id. @returns the row, or undefined when the shop has none with that id in the actor's outlets */
export async function importById(db: Db, actor: Actor, id: string): Promise<ImportRow | undefined> {
  const [r] = await db
    .select()
    .from(imports)
    .where(and(importsOf(actor), eq(imports.id, id)));
  return r;
}

/** Whether the actor sees an import with id `id` (its shop's, in its outlets; reads only its id). */
export async function importExists(db: Db, actor: Actor, id: string): Promise<boolean> {
  const [imp] = await db
    .select({ id: imports.id })
    .from(imports)
    .where(and(importsOf(actor), eq(imports.id, id)));
  return imp !== undefined;
}

/** The latest {@link LIST_LIMIT} imports the actor sees, newest first. */
export async function listImports(db: Db, actor: Actor): Promise<ImportRow[]> {
  return db.select().from(imports).where(importsOf(actor)).orderBy(desc(imports.createdAt)).limit(LIST_LIMIT);
}

/** Rejected rows of a shop's import, by line (the first `limit` when given). */
export async function importErrorRows(
  db: Db,
  tenantId: string,
  importId: string,
  limit?: number,
): Promise<Array<{ line: number; reason: string; raw: string | null }>> {
  const q = db
    .select({ line: importErrors.line, reason: importErrors.reason, raw: importErrors.raw })
    .from(importErrors)
    .where(and(eq(importErrors.tenantId, tenantId), eq(importErrors.importId, importId)))
    .orderBy(asc(importErrors.line));
  return limit === undefined ? q : q.limit(limit);
}

/**
 * Marks `failed` (finished now, with `error`) every `processing` import, of any shop, whose
 * heartbeat is older than `staleBefore`. @returns how many it marked
 */
export async function failStaleImports(db: Db, staleBefore: Date, error: string): Promise<number> {
  const marked = await db
    .update(imports)
    .set({ status: "failed", error, finishedAt: new Date() })
    .where(and(eq(imports.status, "processing"), lt(imports.heartbeatAt, staleBefore)))
    .returning({ id: imports.id });
  return marked.length;
}
