#!/usr/bin/env node
// `npm start` runs this first: builds the web app (dist/web) when it is missing or older
// than its sources, so a fresh clone's `npm install && npm start` shows the app. Quick
// (a few stat calls) when the build is up to date.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const built = join(root, "dist/web/index.html");
const sources = ["web/src", "web/public", "web/index.html", "web/vite.config.ts", "package-lock.json"].map(
  (p) => join(root, p),
);

/** The newest modification time under `path` (a file or a folder). */
function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const entry of readdirSync(path)) max = Math.max(max, newest(join(path, entry)));
  return max;
}

const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
const changedAt = Math.max(...sources.map(newest));
if (builtAt > 0 && builtAt >= changedAt) process.exit(0);

let vite;
try {
  vite = join(dirname(createRequire(import.meta.url).resolve("vite/package.json")), "bin/vite.js");
} catch {
  console.warn(
    builtAt > 0
      ? "Kabar: the web app in dist/web is older than web/src, and vite is not installed (npm install without --omit=dev rebuilds it). Serving the old build."
      : "Kabar: the web app is not built and vite is not installed. Run `npm install`, then `npm run build:web`.",
  );
  process.exit(0);
}
console.log(
  builtAt > 0
    ? "Kabar: web app sources changed; rebuilding dist/web…"
    : "Kabar: building the web app (first start)…",
);
const r = spawnSync(
  process.execPath,
  [vite, "build", "--config", "web/vite.config.ts", "--logLevel", "warn"],
  { cwd: root, stdio: "inherit" },
);
if (r.status !== 0) {
  console.error(
    "Kabar: building the web app failed (see above). The API still starts; fix the build or run `npm run build:web`.",
  );
}
process.exit(0);
