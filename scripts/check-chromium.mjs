#!/usr/bin/env node
// `npm run test:browser` runs this first: the browser tests use Debian's Chromium (never a
// downloaded browser). Says how to get one when it is missing.
import { accessSync, constants } from "node:fs";

const path = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
try {
  accessSync(path, constants.X_OK);
} catch {
  console.error(
    [
      `The browser tests need Chromium, and there is none at ${path}.`,
      "Install Debian's package:   apt-get update && apt-get install -y chromium",
      "or point CHROMIUM_PATH at a Chromium or Chrome binary:   CHROMIUM_PATH=/path/to/chromium npm run test:browser",
      "(Playwright's own browser downloads are not used.)",
    ].join("\n"),
  );
  process.exit(1);
}
