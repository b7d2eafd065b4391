import { ConfigError } from "../config.js";
import { fieldProblemIn, KabarError } from "../lib/errors.js";

/**
 * An expected problem of a CLI invocation (bad option, unknown channel name, database
 * not reachable): printed as its message alone, without a stack trace.
 */
export class CliError extends Error {
  constructor(
    message: string,
    /** Process exit code (1 by default; 78 for configuration problems). */
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = "CliError";
  }
}

/** Exit code of an invalid configuration (EX_CONFIG), as `npm start` uses. */
export const EXIT_CONFIG = 78;

/**
 * Describes `err` for the operator's terminal and picks the exit code: a KabarError shows
 * its English message and per-field problems (not its machine code); configuration, CLI, PostgreSQL and
 * system errors show their message; anything else (a bug) shows its stack too.
 */
export function describeError(err: unknown): { text: string; exitCode: number } {
  if (err instanceof KabarError) {
    const fields = Object.entries(err.fields ?? {}).map(
      ([field, problem]) => `\n  ${field}: ${fieldProblemIn(problem, "en")}`,
    );
    // The message says what happened; its code is for programs (the API), not for a person.
    return { text: `error: ${err.message}${fields.join("")}`, exitCode: 1 };
  }
  if (err instanceof ConfigError) return { text: err.message, exitCode: EXIT_CONFIG };
  if (err instanceof CliError) return { text: `error: ${err.message}`, exitCode: err.exitCode };
  if (err instanceof Error && typeof (err as NodeJS.ErrnoException).code === "string") {
    // PostgreSQL (SQLSTATE) and system errors (ECONNREFUSED, ENOENT…): expected, no stack.
    return { text: `error: ${err.message} (${(err as NodeJS.ErrnoException).code})`, exitCode: 1 };
  }
  const text = err instanceof Error ? (err.stack ?? err.message) : String(err);
  return { text: `unexpected error: ${text}`, exitCode: 1 };
}
