/**
 * `kabar`: the operator's command line (`npm run kabar -- …`, `npx kabar …`). Thin: it
 * calls the same services as the HTTP API and holds no live WhatsApp connection; the
 * running server (`npm start`) does the sending.
 */
import { existsSync } from "node:fs";
import { buildProgram } from "./program.js";

// The same configuration as `npm start` in this folder: the environment, and .env when present.
if (existsSync(".env")) process.loadEnvFile(".env");
await buildProgram().parseAsync(process.argv);
// Every command closes what it opened; exit explicitly so a stray handle never hangs the shell.
process.exit(process.exitCode ?? 0);
