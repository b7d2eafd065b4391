/** Command output: results on stdout, notes and progress on stderr (so stdout pipes cleanly). */

/** Prints result lines on stdout. */
export function print(...lines: string[]): void {
  for (const line of lines) process.stdout.write(`${line}\n`);
}

/** Prints a side note on stderr ("note: …"). */
export function note(message: string): void {
  process.stderr.write(`note: ${message}\n`);
}
