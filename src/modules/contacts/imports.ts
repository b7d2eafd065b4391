import type { Readable } from 'node:stream';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { importErrors, importRows, imports } from '../../db/schema/index.js';
import type { Actor } from '../../lib/actor.js';
import { notFound } from '../../lib/errors.js';
import { parseContacts, previewHeaders, suggestMapping, type ParseOptions, type ParsedContact, type RowError } from './import/index.js';
import type { ImportPreviewDto } from './schemas.js';
import { upsertContacts } from './upsert.js';
import { cleanLabels } from './import/contact.js';

/** Rows written per batch: large enough to amortise round trips, small enough to stream. */
const BATCH = 2000;
/** Data rows shown by an import preview. */
const PREVIEW_ROWS = 10;

/** The outcome of an import, as the API and CLI show it. */
export interface ImportSummary {
  id: string;
  filename: string | null;
  format: string;
  status: 'processing' | 'completed' | 'failed';
  totalRows: number;
  created: number;
  merged: number;
  rejected: number;
  labels: string[];
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface ImportOptions extends ParseOptions {
  /** Labels added to every imported contact. */
  labels?: string[];
  /** Called after each batch with the running counts. */
  onProgress?: (s: { totalRows: number; created: number; merged: number; rejected: number }) => void;
}

/**
 * Imports contacts from a file stream. Streams: the file is never held in memory; rows
 * are written in batches. Good rows are kept even when others are rejected; each rejected
 * row is stored with its line number and reason (downloadable later). Duplicates merge by
 * phone (see upsertContacts for the name rule).
 */
export function createImportService(db: Db) {
  return {
    async run(actor: Actor, input: Readable, opts: ImportOptions = {}): Promise<ImportSummary> {
      const labels = cleanLabels(opts.labels ?? []);
      const [row] = await db
        .insert(imports)
        .values({ tenantId: actor.tenantId, createdBy: actor.userId, filename: opts.filename ?? null, format: opts.format ?? 'auto', labels })
        .returning({ id: imports.id });
      const importId = row!.id;
      const counts = { totalRows: 0, created: 0, merged: 0, rejected: 0 };
      let good: ParsedContact[] = [];
      let bad: RowError[] = [];
      const flush = async () => {
        const [g, b] = [good, bad];
        good = [];
        bad = [];
        if (g.length > 0) {
          const outcomes = await upsertContacts(
            db,
            actor.tenantId,
            g.map((c) => ({ phone: c.phone, name: c.name, attributes: c.attributes, labels: [...c.labels, ...labels] })),
            'import',
          );
          const created = outcomes.filter((o) => o.created).length;
          counts.created += created;
          counts.merged += g.length - created;
          const idByPhone = new Map(outcomes.map((o) => [o.phone, o.id]));
          const linkRows = JSON.stringify(g.map((c) => ({ contact_id: idByPhone.get(c.phone), line: c.line, columns: c.columns })));
          await db.execute(sql`
            INSERT INTO import_rows (import_id, contact_id, tenant_id, line, columns)
            SELECT ${importId}::uuid, r.contact_id, ${actor.tenantId}::uuid, r.line,
                   ARRAY(SELECT jsonb_array_elements_text(r.columns))
            FROM jsonb_to_recordset(${linkRows}::jsonb) AS r(contact_id uuid, line int, columns jsonb)
            ON CONFLICT (import_id, contact_id) DO NOTHING`);
        }
        if (b.length > 0) {
          counts.rejected += b.length;
          await db
            .insert(importErrors)
            .values(b.map((e) => ({ importId, tenantId: actor.tenantId, line: e.line, reason: e.reason, raw: e.raw ?? null })))
            .onConflictDoNothing();
        }
        await db.update(imports).set(counts).where(eq(imports.id, importId));
        opts.onProgress?.({ ...counts });
      };
      const onFormat = (format: string) => void db.update(imports).set({ format }).where(eq(imports.id, importId)).catch(() => {});
      try {
        for await (const r of parseContacts(input, { ...opts, onFormat })) {
          if (r.ok) good.push(r.contact);
          else bad.push(r.error);
          counts.totalRows++;
          if (good.length + bad.length >= BATCH) await flush();
        }
        await flush();
        await db.update(imports).set({ ...counts, status: 'completed', finishedAt: new Date() }).where(eq(imports.id, importId));
      } catch (err) {
        await db
          .update(imports)
          .set({ ...counts, status: 'failed', error: (err as Error).message, finishedAt: new Date() })
          .where(eq(imports.id, importId));
      }
      return this.get(actor, importId);
    },

    /**
     * The start of a file for the import wizard, without importing anything: its format,
     * header row, first {@link PREVIEW_ROWS} data rows and the column mapping the
     * automatic detection would use (with the reason when it cannot import the file).
     * Reads only the first rows, then stops reading `input`.
     */
    async preview(_actor: Actor, input: Readable, opts: Pick<ParseOptions, 'filename' | 'format' | 'delimiter'> = {}): Promise<ImportPreviewDto> {
      const head = await previewHeaders(input, { ...opts, rows: PREVIEW_ROWS });
      const { mapping, problem } = suggestMapping(head.format, head.headers);
      return { ...head, suggested: mapping, problem };
    },

    /** Marks an import failed with a reason, keeping the rows it imported. @throws KabarError 404 */
    async fail(actor: Actor, id: string, error: string): Promise<void> {
      await this.get(actor, id);
      await db.update(imports).set({ status: 'failed', error }).where(and(eq(imports.tenantId, actor.tenantId), eq(imports.id, id)));
    },

    /** @throws KabarError 404 */
    async get(actor: Actor, id: string): Promise<ImportSummary> {
      const [r] = await db.select().from(imports).where(and(eq(imports.tenantId, actor.tenantId), eq(imports.id, id)));
      if (!r) throw notFound('import');
      return toSummary(r);
    },

    async list(actor: Actor): Promise<ImportSummary[]> {
      const rows = await db.select().from(imports).where(eq(imports.tenantId, actor.tenantId)).orderBy(desc(imports.createdAt)).limit(100);
      return rows.map(toSummary);
    },

    /** Rejected rows of an import, by line (the first `limit` when given). @throws KabarError 404 */
    async errors(actor: Actor, id: string, limit?: number): Promise<Array<{ line: number; reason: string; raw: string | null }>> {
      await this.get(actor, id);
      const q = db
        .select({ line: importErrors.line, reason: importErrors.reason, raw: importErrors.raw })
        .from(importErrors)
        .where(and(eq(importErrors.tenantId, actor.tenantId), eq(importErrors.importId, id)))
        .orderBy(asc(importErrors.line));
      return limit === undefined ? q : q.limit(limit);
    },
  };
}

export type ImportService = ReturnType<typeof createImportService>;

function toSummary(r: typeof imports.$inferSelect): ImportSummary {
  return {
    id: r.id,
    filename: r.filename,
    format: r.format,
    status: r.status,
    totalRows: r.totalRows,
    created: r.created,
    merged: r.merged,
    rejected: r.rejected,
    labels: r.labels,
    error: r.error,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}
