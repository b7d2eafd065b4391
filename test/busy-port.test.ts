/**
 * `npm start` on a port another program already listens on: Kabar must stop at once with
 * a non-zero exit code and a message naming the port, not hang silently.
 */
import { spawn } from "node:child_process";
import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, dropTestDatabase } from "./support/db.js";

let url: string;
let occupant: Server;
let port: number;

beforeAll(async () => {
  url = await createTestDatabase();
  occupant = createServer();
  await new Promise<void>((resolve) => occupant.listen(0, "127.0.0.1", resolve));
  port = (occupant.address() as { port: number }).port;
}, 120_000);

afterAll(async () => {
  await new Promise((resolve) => occupant?.close(resolve));
  if (url) await dropTestDatabase(url);
});

describe("a busy port", () => {
  it("makes Kabar exit with an error naming the port", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      env: {
        ...process.env,
        DATABASE_URL: url,
        KABAR_SECRET_KEY: "f".repeat(64),
        KABAR_SANDBOX_TIME_SCALE: "0.001",
        LOG_LEVEL: "warn",
        HOST: "127.0.0.1",
        PORT: String(port),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
    const code = await new Promise<number | string>((resolve) =>
      child.once("exit", (c, signal) => resolve(c ?? signal ?? -1)),
    );

    expect(code).not.toBe(0);
    expect(typeof code).toBe("number");
    expect(output).toContain(`127.0.0.1:${port}`);
    expect(output).toMatch(/already in use/);
    expect(output).not.toMatch(/Kabar is running/);
  }, 60_000);
});
