/**
 * Group commit for store writes: callers add one item each and get their own answer,
 * while the store sees few large calls.
 */

interface Waiting<I, O> {
  item: I;
  resolve: (out: O) => void;
  reject: (error: unknown) => void;
}

/**
 * Collects items added in the same tick (until the microtask queue runs) into one call
 * of `process`, at most `maxBatch` items per call, with one call in flight at a time:
 * whatever arrives meanwhile waits and goes into the next call. Under load the batch
 * grows with the store's latency; when idle an item is processed on its own at once.
 * Calls are serialized, so a later batch sees everything an earlier one wrote.
 */
export class MicroBatcher<I, O> {
  private queue: Array<Waiting<I, O>> = [];
  private scheduled = false;
  private running = false;

  /**
   * @param process answers a batch; must return one output per item, in order. If it
   *   throws, every caller in that batch gets the error.
   * @param maxBatch the largest batch handed to `process`
   */
  constructor(
    private readonly process: (items: I[]) => Promise<O[]>,
    private readonly maxBatch = 500,
  ) {}

  /** Queues `item`; resolves with its output once its batch has been processed. */
  add(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.running || this.scheduled) return;
      this.scheduled = true;
      queueMicrotask(() => {
        this.scheduled = false;
        void this.drain();
      });
    });
  }

  /** Rejects every item not yet handed to `process` with `error`. */
  drop(error: unknown): void {
    for (const waiting of this.queue.splice(0)) waiting.reject(error);
  }

  private async drain(): Promise<void> {
    this.running = true;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        const outputs = await this.process(batch.map((waiting) => waiting.item));
        if (outputs.length !== batch.length) {
          throw new Error(`batch of ${batch.length} answered with ${outputs.length} outputs`);
        }
        for (const [i, waiting] of batch.entries()) waiting.resolve(outputs[i] as O);
      } catch (error) {
        for (const waiting of batch) waiting.reject(error);
      }
    }
    this.running = false;
  }
}
