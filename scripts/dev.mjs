#!/usr/bin/env node
// `npm run dev`: the Kabar server (restarted on change by tsx watch) and the Vite dev
// server with hot reload, which proxies /api, /docs and /socket.io to it. Ctrl+C stops both.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const bin = (pkg, file) => join(dirname(require.resolve(`${pkg}/package.json`)), file);

const children = [
  spawn(process.execPath, [bin("tsx", "dist/cli.mjs"), "watch", "--clear-screen=false", "src/main.ts"], {
    cwd: root,
    stdio: "inherit",
  }),
  spawn(process.execPath, [bin("vite", "bin/vite.js"), "--config", "web/vite.config.ts"], {
    cwd: root,
    stdio: "inherit",
  }),
];
console.log(
  `Kabar dev: open http://127.0.0.1:${process.env.KABAR_DEV_WEB_PORT ?? 5173} (web app with hot reload); API on port ${process.env.PORT ?? 3000}.`,
);

let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
  setTimeout(() => process.exit(code), 8000).unref();
  Promise.all(children.map((c) => (c.exitCode !== null ? null : new Promise((r) => c.once("exit", r))))).then(
    () => process.exit(code),
  );
}
for (const c of children) c.once("exit", (code) => stop(code ?? 0));
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));
