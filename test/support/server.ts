import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { waitFor } from "./wait.js";

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

/** A Kabar server process (`src/main.ts`) listening on 127.0.0.1:`port`. */
export interface ServerProcess {
  child: ChildProcess;
  port: number;
  /** Everything it printed on stdout. */
  output(): string;
  /** Resolves with the exit code (or signal name). */
  exited: Promise<number | string>;
}

/**
 * Starts `node --import tsx src/main.ts` with `env` on top of this process's environment
 * and waits until /healthz answers.
 * @throws Error when it does not answer within 90 s
 */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = Number(env.PORT ?? (await freePort()));
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    // The sandbox's own new-chat cap is off unless a test turns it on (as in startTestKabar).
    env: {
      ...process.env,
      LOG_LEVEL: "warn",
      KABAR_SANDBOX_NEW_CHAT_CAP: "false",
      // Made-up numbers never answer by themselves: no random reply lands in a test.
      KABAR_SANDBOX_STRANGERS_REPLY: "false",
      KABAR_SEED_CLOUD_SANDBOX: "false",
      KABAR_SEED_ORDERS: "false",
      ...env,
      PORT: String(port),
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.once("exit", (code, signal) => resolve(code ?? signal ?? -1)),
  );
  await waitFor(
    async () =>
      (await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      )) || undefined,
    90_000,
  );
  return { child, port, output: () => out, exited };
}
