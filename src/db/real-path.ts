import { realpathSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

/**
 * `path` made absolute with its symbolic links resolved as far as it exists: a part that
 * does not exist yet is joined to its parent's real path, and a path that cannot be read
 * (no permission) is only made absolute. Used to compare data directories (the one
 * configured, the one a running postmaster serves) whatever links lead to them.
 */
export function realPath(path: string): string {
  const abs = resolve(path);
  try {
    return realpathSync(abs);
  } catch (err) {
    const parent = dirname(abs);
    if ((err as NodeJS.ErrnoException).code !== "ENOENT" || parent === abs) return abs;
    return join(realPath(parent), basename(abs));
  }
}
