import type { Command } from "commander";
import { withContext, type CliContext, type GlobalOptions, type Needs } from "./context.js";
import { describeError } from "./errors.js";
import { withRequestContext } from "../lib/request-context.js";

/** What a command's body resolves to: its exit code, or nothing for 0. */
// biome-ignore lint/suspicious/noConfusingVoidType: bodies that never fail their command simply return nothing
type CommandOutcome = Promise<number | void>;

/**
 * Runs `body` and turns its outcome into the process exit code: errors are printed on
 * stderr (see describeError), never thrown to commander. The body runs in a `cli` request
 * context, so the audit log says the writes it makes came from the CLI.
 */
export async function guard(body: () => CommandOutcome): Promise<void> {
  try {
    process.exitCode = (await withRequestContext({ source: "cli" }, body)) ?? 0;
  } catch (err) {
    const { text, exitCode } = describeError(err);
    process.stderr.write(`${text}\n`);
    process.exitCode = exitCode;
  }
}

/**
 * Runs a command: `prepare` checks and converts its arguments first (so a typo fails
 * before any database is opened), then `body` runs inside a context opened for `needs`
 * with `cmd`'s global options. Its return value is the exit code (0 when none).
 */
export function runPrepared<P>(
  cmd: Command,
  needs: Needs,
  prepare: () => P,
  body: (ctx: CliContext, input: P) => CommandOutcome,
): Promise<void> {
  return guard(async () => {
    const input = prepare();
    return withContext(cmd.optsWithGlobals<GlobalOptions>(), needs, (ctx) => body(ctx, input));
  });
}

/** {@link runPrepared} for a command whose arguments need no checking up front. */
export function run(cmd: Command, needs: Needs, body: (ctx: CliContext) => CommandOutcome): Promise<void> {
  return runPrepared(
    cmd,
    needs,
    () => undefined,
    (ctx) => body(ctx),
  );
}
