import type { Readable } from "node:stream";
import { randomUUID } from "node:crypto";
import type { Db, Tx } from "../../db/client.js";
import type { PackageLimits } from "../../lib/package-limits.js";
import { type Actor, requirePermission } from "../../lib/actor.js";
import { KabarError } from "../../lib/errors.js";
import { contactErrors } from "./errors.js";
import {
  parseContacts,
  previewHeaders,
  readPreviewRows,
  suggestMapping,
  type ParseOptions,
  type ParsedContact,
  type RowError,
} from "./import/index.js";
import type { ImportPreviewDto, PreviewRowsDto, PreviewRowsInput } from "./schemas.js";
import { upsertContacts, type UpsertOutcome } from "./upsert.js";
import { existingPhones } from "./queries/contacts.js";
import { resolveOutletId } from "../outlets/index.js";
import { recordAudit } from "../audit/index.js";
import { cleanLabels } from "./import/contact.js";
import {
  completeImport,
  failImportRun,
  failStaleImports,
  importById,
  importErrorRows,
  insertImport,
  insertImportErrors,
  insertImportRows,
  listImports,
  markImportFailed,
  setImportFormat,
  touchImportHeartbeat,
  updateImportProgress,
  type ImportRow,
} from "./queries/imports.js";

/** Rows written per batch: large enough to amortise round trips, small enough to stream. */
const BATCH = 2000;
/** Data rows shown by an import preview. */
const PREVIEW_ROWS = 10;

/** The outcome of an import, as the API and CLI show it. */
export interface ImportSummary {
  id: string;
  filename: string | null;
  format: string;
  status: "processing" | "completed" | "failed";
  totalRows: number;
  created: number;
  merged: number;
  rejected: number;
  labels: string[];
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

interface ImportOptions extends ParseOptions {
  /** Labels added to every imported contact. */
  labels?: string[];
  /**
   * The home outlet of the new contacts and of those without one (issue 13); default none,
   * or the caller's first outlet when they are limited to outlets. It is also the import's
   * outlet (`imports.outlet_id`: who sees it); none: a shop-wide import.
   */
  homeOutletId?: string;
  /** Called after each batch with the running counts. */
  onProgress?: (s: { totalRows: number; created: number; merged: number; rejected: number }) => void;
  /** Where internal errors are logged with their reference (the user only sees the reference). */
  log?: ImportLog;
}

/** The part of a pino logger the importer uses. */
interface ImportLog {
  error(obj: object, msg: string): void;
}

/** How often a running import renews `heartbeat_at`: 30 s. */
const IMPORT_HEARTBEAT_MS = 30_000;
/**
 * A `processing` import whose heartbeat is older than this (2 min: four missed beats)
 * belongs to a process that is gone (crashed, killed, restarted) and is marked failed
 * by {@link sweepStaleImports}, in whichever process runs the sweep.
 */
const IMPORT_STALE_MS = 120_000;
/** How often each HTTP process sweeps stale imports (and once at start): 60 s. */
const IMPORT_SWEEP_MS = 60_000;

/** Longest raw row text stored for the rejected-rows download (characters). */
const MAX_RAW_CHARS = 2000;
/** Longest reason stored (characters); reasons quote cell values. */
const MAX_REASON_CHARS = 500;

/** A short random reference that ties a generic message to the full error in the log. */
function errorReference(): string {
  return randomUUID().slice(0, 8);
}

/** Text PostgreSQL can store: NUL and unpaired surrogates replaced by U+FFFD, cut to `max` characters. */
function storable(text: string, max: number): string {
  const clean = text.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what this replaces
    /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    "\ufffd",
  );
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

/**
 * True when PostgreSQL refused the data itself (SQLSTATE class 22 data exception, 23
 * integrity constraint violation, P0 raised by a trigger or function), so retrying other
 * rows makes sense; false for connection and other failures.
 */
function refusedData(err: unknown): boolean {
  const code = (err as { cause?: { code?: unknown } }).cause?.code ?? (err as { code?: unknown }).code;
  return typeof code === "string" && /^(22|23|P0)/.test(code);
}

/**
 * Imports contacts from a file stream. Streams: the file is never held in memory; rows
 * are written in batches. Good rows are kept even when others are rejected; each rejected
 * row is stored with its line number and reason (downloadable later). Duplicates merge by
 * phone (see upsertContacts for the name rule). A batch the database refuses is retried
 * row by row, so one unstorable row is rejected alone. With `limits` (SaaS mode), new contacts
 * beyond the package's contacts limit are rejected per line (rows that merge into an existing
 * contact always pass); each batch counts and stores under the limit's lock.
 */
export function createImportService(db: Db, limits?: PackageLimits) {
  return {
    /**
     * Runs one import to its end and returns its summary: `completed`, or `failed` with a
     * reason (rows stored before the failure are kept). Internal errors are logged with a
     * reference and the import's `error` only names that reference, never SQL or data.
     * @throws KabarError 400 `unknown_outlet` (`homeOutletId`); 4xx/503 when the whole file is refused (zip bomb, damaged,
     *   binary…, see parseContacts); the import is then recorded as failed with that reason
     */
    async run(actor: Actor, input: Readable, opts: ImportOptions = {}): Promise<ImportSummary> {
      requirePermission(actor, "contacts.import");
      const labels = cleanLabels(opts.labels ?? []);
      const home =
        opts.homeOutletId !== undefined || actor.outletIds
          ? await resolveOutletId(db, actor, opts.homeOutletId, "homeOutletId")
          : null;
      const importId = await insertImport(db, {
        tenantId: actor.tenantId,
        createdBy: actor.userId,
        filename: opts.filename ?? null,
        format: opts.format ?? "auto",
        labels,
        outletId: home,
      });
      const counts = { totalRows: 0, created: 0, merged: 0, rejected: 0 };
      let good: ParsedContact[] = [];
      let bad: RowError[] = [];
      const toUpsert = (c: ParsedContact) => ({
        phone: c.phone,
        name: c.name,
        attributes: c.attributes,
        labels: [...c.labels, ...labels],
      });
      /** Upserts a batch; when the database refuses it, row by row, rejecting the rows it refuses. */
      const store = async (
        batch: ParsedContact[],
      ): Promise<{ stored: ParsedContact[]; outcomes: UpsertOutcome[] }> => {
        try {
          return {
            stored: batch,
            outcomes: await upsertContacts(db, actor.tenantId, batch.map(toUpsert), "import", home),
          };
        } catch (batchError) {
          if (!refusedData(batchError)) throw batchError;
          const stored: ParsedContact[] = [];
          const outcomes: UpsertOutcome[] = [];
          for (const c of batch) {
            try {
              outcomes.push(...(await upsertContacts(db, actor.tenantId, [toUpsert(c)], "import", home)));
              stored.push(c);
            } catch (err) {
              if (!refusedData(err)) throw err; // e.g. the database is gone: the import fails, nothing is misreported
              const reference = errorReference();
              opts.log?.error(
                { err, reference, importId, line: c.line },
                "an imported row could not be stored",
              );
              bad.push({
                line: c.line,
                reason: `could not be stored (error reference ${reference})`,
                raw: c.columns.join(","),
              });
            }
          }
          return { stored, outcomes };
        }
      };
      /** The batch's rows that fit the package's contacts limit; the others go to `bad`. */
      const withinLimit = async (tx: Db | Tx, batch: ParsedContact[]): Promise<ParsedContact[]> => {
        const room = await limits?.roomLeft(tx, actor.tenantId, "contacts");
        if (room === undefined || room === null) return batch;
        const known = await existingPhones(
          tx,
          actor.tenantId,
          batch.map((c) => c.phone),
        );
        const added = new Set<string>();
        const kept: ParsedContact[] = [];
        for (const c of batch) {
          if (known.has(c.phone) || added.has(c.phone)) kept.push(c);
          else if (added.size < room) {
            added.add(c.phone);
            kept.push(c);
          } else
            bad.push({
              line: c.line,
              reason: "over the package's contacts limit (upgrade the package to add more contacts)",
              raw: c.columns.join(","),
            });
        }
        return kept;
      };
      /** `store` under the contacts limit: counted and stored in one transaction (the limit's lock held). */
      const storeWithinLimit = async (batch: ParsedContact[]) => {
        if (!limits) return store(batch);
        let kept = batch;
        try {
          return await db.transaction(async (tx) => {
            kept = await withinLimit(tx, batch);
            const outcomes = await upsertContacts(
              tx as unknown as Db,
              actor.tenantId,
              kept.map(toUpsert),
              "import",
              home,
            );
            return { stored: kept, outcomes };
          });
        } catch (err) {
          // A row the database refuses: the rows that fit go through `store`'s row-by-row path.
          if (!refusedData(err)) throw err;
          return store(kept);
        }
      };
      const flush = async () => {
        const g = good;
        good = [];
        if (g.length > 0) {
          const { stored, outcomes } = await storeWithinLimit(g);
          const created = outcomes.filter((o) => o.created).length;
          counts.created += created;
          counts.merged += stored.length - created;
          const idByPhone = new Map(outcomes.map((o) => [o.phone, o.id]));
          if (stored.length > 0) {
            await insertImportRows(
              db,
              importId,
              actor.tenantId,
              stored.map((c) => ({ contactId: idByPhone.get(c.phone), line: c.line, columns: c.columns })),
            );
          }
        }
        const b = bad;
        bad = [];
        if (b.length > 0) {
          counts.rejected += b.length;
          await insertImportErrors(
            db,
            b.map((e) => ({
              importId,
              tenantId: actor.tenantId,
              line: e.line,
              reason: storable(e.reason, MAX_REASON_CHARS),
              raw: e.raw === undefined ? null : storable(e.raw, MAX_RAW_CHARS),
            })),
          );
        }
        await updateImportProgress(db, importId, counts);
        opts.onProgress?.({ ...counts });
      };
      const onFormat = (format: string) => void setImportFormat(db, importId, format).catch(() => {});
      const heartbeat = setInterval(() => {
        touchImportHeartbeat(db, importId).catch(() => {});
      }, IMPORT_HEARTBEAT_MS);
      heartbeat.unref();
      try {
        for await (const r of parseContacts(input, { ...opts, onFormat })) {
          if (r.ok) good.push(r.contact);
          else bad.push(r.error);
          counts.totalRows++;
          if (good.length + bad.length >= BATCH) await flush();
        }
        await flush();
        await completeImport(db, importId, counts);
      } catch (err) {
        const refused = err instanceof KabarError;
        let reason: string;
        if (refused) {
          reason = err.messages.en;
        } else {
          const reference = errorReference();
          opts.log?.error({ err, reference, importId }, "import failed");
          reason = `The import stopped because of an internal error (reference ${reference}); the rows read before it were kept`;
        }
        await failImportRun(db, importId, counts, reason);
        if (refused) throw err;
      } finally {
        clearInterval(heartbeat);
      }
      // Its rows are in the import's own tables; the entry names the file and what it did.
      await recordAudit(db, actor, {
        action: "contact.import",
        target: { type: "import", id: importId, name: opts.filename ?? null },
        changes: {
          created: [null, counts.created],
          merged: [null, counts.merged],
          rejected: [null, counts.rejected],
        },
      });
      return this.get(actor, importId);
    },

    /**
     * The start of a file for the import wizard, without importing anything: its format,
     * header row, first {@link PREVIEW_ROWS} data rows and the column mapping the
     * automatic detection would use (with the reason when it cannot import the file).
     * Reads only the first rows, then stops reading `input`.
     */
    async preview(
      _actor: Actor,
      input: Readable,
      opts: Pick<ParseOptions, "filename" | "format" | "delimiter"> = {},
    ): Promise<ImportPreviewDto> {
      const head = await previewHeaders(input, { ...opts, rows: PREVIEW_ROWS });
      const { mapping, problem } = suggestMapping(head.format, head.headers);
      return { ...head, suggested: mapping, problem };
    },

    /**
     * The wizard's preview rows read as the import will read them under `input.mapping`
     * (see `readPreviewRows`): what each becomes, or why it is rejected. Reads no file.
     */
    readRows(_actor: Actor, input: PreviewRowsInput): PreviewRowsDto {
      const { problem, rows } = readPreviewRows(input.format, input.headers, input.rows, input);
      return {
        problem,
        rows: rows.map((r) => {
          if (!r.ok)
            return {
              line: r.error.line,
              ok: false,
              phone: null,
              otherPhones: [],
              name: null,
              labels: [],
              attributes: {},
              reason: r.error.reason,
            };
          const { other_phones: others, ...attributes } = r.contact.attributes;
          return {
            line: r.contact.line,
            ok: true,
            phone: r.contact.phone,
            otherPhones: others ? others.split(",") : [],
            name: r.contact.name ?? null,
            labels: r.contact.labels,
            attributes,
            reason: null,
          };
        }),
      };
    },

    /** Marks an import failed with a reason, keeping the rows it imported. @throws KabarError 404 */
    async fail(actor: Actor, id: string, error: string): Promise<void> {
      await this.get(actor, id);
      await markImportFailed(db, actor.tenantId, id, error);
    },

    /**
     * One import's summary. @throws KabarError 404 `import_not_found`, also for an import
     * outside the actor's outlets (an import without an outlet: outside every limited actor's)
     */
    async get(actor: Actor, id: string): Promise<ImportSummary> {
      requirePermission(actor, "contacts.read");
      const r = await importById(db, actor, id);
      if (!r) throw contactErrors.importNotFound();
      return toSummary(r);
    },

    /**
     * The latest imports, newest first: for an actor limited to outlets, only the imports of
     * its outlets. @throws KabarError 403 without `contacts.read`
     */
    async list(actor: Actor): Promise<ImportSummary[]> {
      requirePermission(actor, "contacts.read");
      const rows = await listImports(db, actor);
      return rows.map(toSummary);
    },

    /** Rejected rows of an import, by line (the first `limit` when given). @throws KabarError 404 */
    async errors(
      actor: Actor,
      id: string,
      limit?: number,
    ): Promise<Array<{ line: number; reason: string; raw: string | null }>> {
      await this.get(actor, id);
      return importErrorRows(db, actor.tenantId, id, limit);
    },
  };
}

function toSummary(r: ImportRow): ImportSummary {
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

/**
 * Marks as failed every `processing` import whose heartbeat is older than
 * {@link IMPORT_STALE_MS}: its process crashed or was restarted mid-file (imports run
 * inside the HTTP request that uploaded the file, so nobody will finish them). Imports of
 * live processes, in this or any other process, keep beating and are left alone.
 * Returns how many imports it marked.
 */
export async function sweepStaleImports(db: Db, staleMs = IMPORT_STALE_MS): Promise<number> {
  return failStaleImports(
    db,
    new Date(Date.now() - staleMs),
    "The import was interrupted (the server stopped while reading the file); the rows read before were kept",
  );
}

/**
 * Runs {@link sweepStaleImports} now and every {@link IMPORT_SWEEP_MS}; returns the stop
 * function. Errors (e.g. the database is down) go to `onError` and the next sweep retries.
 */
export function startImportSweep(db: Db, onError: (err: unknown) => void): () => Promise<void> {
  const sweep = () => void sweepStaleImports(db).catch(onError);
  sweep();
  const timer = setInterval(sweep, IMPORT_SWEEP_MS);
  timer.unref();
  return async () => clearInterval(timer);
}
