/**
 * A small per-process semaphore for the expensive file parses (.xlsx: unzipping and XML
 * parsing with the shared-strings table in memory), so concurrent uploads cannot add up
 * to more memory than {@link MAX_PARALLEL_XLSX} parses need.
 */
import { contactErrors } from "../errors.js";

/** .xlsx files parsed at the same time per process (preview and import together). */
const MAX_PARALLEL_XLSX = 2;
/** Requests that may wait for a free slot; one more is answered 503 `import_busy`. */
const MAX_WAITING_XLSX = 8;

/** A counting semaphore with a bounded queue. */
export class ParseSlots {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly limit: number,
    private readonly maxWaiting: number,
  ) {}

  /**
   * Waits for a slot and returns its release function (idempotent).
   * @throws KabarError 503 `import_busy` when {@link maxWaiting} requests already wait
   */
  async acquire(): Promise<() => void> {
    if (this.active >= this.limit) {
      if (this.waiting.length >= this.maxWaiting) throw contactErrors.importBusy();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    };
  }
}

/** The process-wide slots for .xlsx parsing. */
export const xlsxSlots = new ParseSlots(MAX_PARALLEL_XLSX, MAX_WAITING_XLSX);
