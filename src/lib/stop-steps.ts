/**
 * Stopping a process made of parts: each part registers how it stops, and the parts stop in
 * the reverse order of their start, one after the other, each given at most a bounded time.
 * A part that fails or does not stop in time is logged by name and the next one stops anyway,
 * so a stop signal always ends the process (a part waiting for a connection that never comes
 * back must not keep Kabar running after SIGTERM).
 */
import type { Logger } from "pino";

/** How long one part may take to stop before the next one goes on, ms. */
const STOP_STEP_LIMIT_MS = 15_000;

/** The parts of a process, in start order, with how each stops. */
export class StopSteps {
  private readonly steps: Array<{ name: string; stop: () => Promise<void> | void }> = [];

  /** Registers part `name` (shown in the log when it fails or is late). */
  add(name: string, stop: () => Promise<void> | void): void {
    this.steps.push({ name, stop });
  }

  /**
   * Stops every registered part, the last started first, each given `limitMs`; never
   * rejects. Logs an error naming each part that failed, and each that was still stopping
   * when its time ran out (it is left behind).
   */
  async stopAll(log: Logger, limitMs = STOP_STEP_LIMIT_MS): Promise<void> {
    for (const { name, stop } of this.steps.splice(0).reverse()) {
      let timer: NodeJS.Timeout | undefined;
      const outcome = await Promise.race([
        Promise.resolve()
          .then(stop)
          .then(
            () => "stopped" as const,
            (err: unknown) => {
              log.error({ err, part: name }, "error while stopping");
              return "failed" as const;
            },
          ),
        new Promise<"late">((resolve) => (timer = setTimeout(resolve, limitMs, "late"))),
      ]);
      clearTimeout(timer);
      if (outcome === "late")
        log.error(
          { part: name, waitedMs: limitMs },
          "a part did not stop in time; stopping the others anyway",
        );
    }
  }
}
