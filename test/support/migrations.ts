import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MIGRATIONS_FOLDER } from "../../src/db/client.js";

/**
 * A copy of the committed migrations that ends at `tag` (e.g. "0013_sign_in_throttle"), in a
 * temporary folder of its own, for a test that fills a database as an older Kabar left it and
 * then runs the newer migrations over it. Returns the folder; the caller removes it.
 */
export function migrationsUpTo(tag: string): string {
  const folder = mkdtempSync(join(tmpdir(), "kabar-migrations-"));
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalPath = join(folder, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: Array<{ tag: string }> };
  const end = journal.entries.findIndex((e) => e.tag === tag);
  if (end < 0) throw new Error(`no migration tagged ${tag}`);
  journal.entries = journal.entries.slice(0, end + 1);
  writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}
