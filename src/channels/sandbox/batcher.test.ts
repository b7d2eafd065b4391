import { describe, expect, it, vi } from "vitest";
import { MicroBatcher } from "./batcher.js";

const doubler = () => vi.fn(async (items: number[]) => items.map((n) => n * 2));

describe("MicroBatcher", () => {
  it("answers each caller from one call for items added in the same tick", async () => {
    const process = doubler();
    const batcher = new MicroBatcher(process);
    await expect(Promise.all([1, 2, 3].map((n) => batcher.add(n)))).resolves.toEqual([2, 4, 6]);
    expect(process).toHaveBeenCalledTimes(1);
    expect(process).toHaveBeenCalledWith([1, 2, 3]);
  });

  it("splits at maxBatch and serializes the calls", async () => {
    let inFlight = 0;
    const sizes: number[] = [];
    const batcher = new MicroBatcher(async (items: number[]) => {
      expect(++inFlight).toBe(1);
      sizes.push(items.length);
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight--;
      return items;
    }, 4);
    await Promise.all(Array.from({ length: 11 }, (_, i) => batcher.add(i)));
    expect(sizes).toEqual([4, 4, 3]);
  });

  it("groups what arrives while a call is in flight into the next call", async () => {
    const process = vi.fn(async (items: number[]) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return items;
    });
    const batcher = new MicroBatcher(process);
    const first = batcher.add(0);
    await Promise.resolve(); // the first call starts
    await new Promise((resolve) => setTimeout(resolve, 1));
    const rest = [1, 2, 3].map((n) => batcher.add(n));
    await Promise.all([first, ...rest]);
    expect(process.mock.calls.map(([items]) => items)).toEqual([[0], [1, 2, 3]]);
  });

  it("rejects every caller of a failed batch, then carries on", async () => {
    const process = vi.fn(async (items: number[]) => {
      if (items.includes(13)) throw new Error("unlucky");
      return items;
    });
    const batcher = new MicroBatcher(process);
    const results = await Promise.allSettled([batcher.add(1), batcher.add(13)]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    await expect(batcher.add(2)).resolves.toBe(2);
  });

  it("rejects a batch answered with the wrong number of outputs", async () => {
    const batcher = new MicroBatcher(async () => [] as number[]);
    await expect(batcher.add(1)).rejects.toThrow(/answered with 0 outputs/);
  });

  it("drop() rejects what has not been handed over yet", async () => {
    const process = doubler();
    const batcher = new MicroBatcher(process);
    const pending = batcher.add(1);
    batcher.drop(new Error("closed"));
    await expect(pending).rejects.toThrow("closed");
    expect(process).not.toHaveBeenCalled();
  });
});
