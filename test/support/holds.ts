/**
 * Polls `probe` every 50 ms for `forMs` and resolves once that time is over, as long as
 * every answer was true: for "this does not happen" assertions (a cap is not exceeded,
 * nothing is sent), which can only be checked over a stretch of time.
 * @throws Error at the first false answer, with `what` in its message.
 */
export async function holds(what: string, probe: () => Promise<boolean>, forMs = 2_000): Promise<void> {
  const until = Date.now() + forMs;
  do {
    if (!(await probe())) throw new Error(`no longer true: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  } while (Date.now() < until);
}
