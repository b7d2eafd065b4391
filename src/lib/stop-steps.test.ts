import type { Logger } from "pino";
import { describe, expect, it } from "vitest";
import { StopSteps } from "./stop-steps.js";

/** A logger that keeps its error lines. */
function errorLog() {
  const errors: Array<{ part: string; msg: string }> = [];
  const log = { error: (o: { part: string }, msg: string) => errors.push({ part: o.part, msg }) };
  return { log: log as unknown as Logger, errors };
}

describe("stopping the parts of a process", () => {
  it("stops the last started first, and goes on past a part that fails or never stops, naming it", async () => {
    const order: string[] = [];
    const steps = new StopSteps();
    steps.add("database", () => void order.push("database"));
    steps.add("channels", () => new Promise<void>(() => order.push("channels"))); // waits forever
    steps.add("jobs", async () => {
      order.push("jobs");
      throw new Error("boom");
    });
    steps.add("http", async () => void order.push("http"));
    const { log, errors } = errorLog();
    await steps.stopAll(log, 50);
    expect(order).toEqual(["http", "jobs", "channels", "database"]);
    expect(errors).toEqual([
      { part: "jobs", msg: "error while stopping" },
      { part: "channels", msg: "a part did not stop in time; stopping the others anyway" },
    ]);
    // Stopped once: a second stop does nothing.
    await steps.stopAll(log, 50);
    expect(order).toHaveLength(4);
  });
});
