/**
 * `kabar`: the operator's command line (`npm run kabar -- …`, `npx kabar …`). Thin: it
 * calls the same services as the HTTP API and holds no live WhatsApp connection; the
 * running server (`npm start`) does the sending.
 */
import { buildProgram } from "./program.js";

await buildProgram().parseAsync(process.argv);
// Every command closes what it opened; exit explicitly so a stray handle never hangs the shell.
process.exit(process.exitCode ?? 0);
