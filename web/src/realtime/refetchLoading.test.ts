import { QueryClient, QueryObserver } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { LiveQueryClient } from "./refetchLoading";

/** A list whose first answer was read before a new conversation arrived; the next one has it. */
function setup(live: boolean) {
  const Client = live ? LiveQueryClient : QueryClient;
  const qc = new Client({ defaultOptions: { queries: { retry: false } } });
  const answers = [["lama"], ["lama", "baru"]];
  let release: () => void = () => {};
  const gate = new Promise<void>((r) => (release = r));
  let calls = 0;
  const observer = new QueryObserver(qc, {
    queryKey: ["conversations"],
    queryFn: async () => {
      const answer = answers[Math.min(calls++, answers.length - 1)]!;
      if (calls === 1) await gate;
      return answer;
    },
  });
  const seen: string[][] = [];
  observer.subscribe((r) => r.data && seen.push(r.data));
  return { qc, release, seen, calls: () => calls };
}

describe("LiveQueryClient", () => {
  it("an event during the first load fetches the list again once that load settles", async () => {
    const { qc, release, seen, calls } = setup(true);
    await Promise.resolve();
    void qc.invalidateQueries({ queryKey: ["conversations"] });
    release();
    await expect.poll(() => seen.at(-1)).toEqual(["lama", "baru"]);
    expect(calls()).toBe(2);
  });

  it("without it, the first answer (read before the event) stays", async () => {
    const { qc, release, seen, calls } = setup(false);
    await Promise.resolve();
    void qc.invalidateQueries({ queryKey: ["conversations"] });
    release();
    await expect.poll(() => seen.length).toBe(1);
    expect(seen).toEqual([["lama"]]);
    expect(calls()).toBe(1);
  });
});

describe("LiveQueryClient, when the first load fails", () => {
  it("does not fetch again and again (a 401 or 404 stays one answer)", async () => {
    const qc = new LiveQueryClient({ defaultOptions: { queries: { retry: false } } });
    let calls = 0;
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const observer = new QueryObserver(qc, {
      queryKey: ["conversation", "x"],
      queryFn: async () => {
        calls++;
        await gate;
        throw new Error("conversation_not_found");
      },
    });
    observer.subscribe(() => {});
    await Promise.resolve();
    void qc.invalidateQueries({ queryKey: ["conversation"] });
    release();
    await expect.poll(() => observer.getCurrentResult().status).toBe("error");
    // Let every batched cache notification run.
    for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
    expect(calls).toBe(1);
    expect(observer.getCurrentResult().fetchStatus).toBe("idle");
  });
});
