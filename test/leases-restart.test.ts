/**
 * A single Kabar killed with -9 and started again on the same host takes its channels
 * back at once: it recognises the leases its dead predecessor left (same host, that pid
 * gone, no presence connection) instead of waiting for them to run out. The lease TTL is
 * a minute here, far longer than a restart, so waiting for expiry cannot pass the test.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type pg from "pg";
import { openTestDatabase, type TestDatabase } from "./support/db.js";
import { OWNER_EMAIL, OWNER_PASSWORD } from "./support/kabar.js";
import { startServerProcess, type ServerProcess } from "./support/server.js";
import { waitFor } from "./support/wait.js";

const LEASE_TTL_MS = 60_000;

let testDb: TestDatabase;
let url: string;
let db: pg.Client;
const servers: ServerProcess[] = [];

function start(): Promise<ServerProcess> {
  return startServerProcess({
    DATABASE_URL: url,
    KABAR_SECRET_KEY: "e".repeat(64),
    KABAR_OWNER_EMAIL: OWNER_EMAIL,
    KABAR_OWNER_PASSWORD: OWNER_PASSWORD,
    KABAR_SANDBOX_TIME_SCALE: "0.001",
    KABAR_LEASE_TTL_MS: String(LEASE_TTL_MS),
  }).then((s) => {
    servers.push(s);
    return s;
  });
}

/** The lease of the one channel of the demo shop, with the holder's pid (hostname:pid:random). */
async function lease(): Promise<
  { channelId: string; pid: number; expiresAt: number; acquiredAt: number } | undefined
> {
  const r = await db.query<{ channel_id: string; holder: string; expires_at: Date; acquired_at: Date }>(
    "SELECT channel_id, holder, expires_at, acquired_at FROM channel_leases WHERE expires_at > now()",
  );
  const row = r.rows[0];
  return (
    row && {
      channelId: row.channel_id,
      pid: Number(row.holder.split(":")[1]),
      expiresAt: row.expires_at.getTime(),
      acquiredAt: row.acquired_at.getTime(),
    }
  );
}

beforeAll(async () => {
  testDb = await openTestDatabase();
  ({ url, client: db } = testDb);
}, 120_000);

afterAll(async () => {
  for (const s of servers) s.child.kill("SIGKILL");
  await Promise.all(servers.map((s) => s.exited));
  await testDb?.close();
});

describe("a Kabar restarted after kill -9", () => {
  it("takes back the channel its dead predecessor held, without waiting for that lease to run out", async () => {
    const first = await start();
    const held = await waitFor(async () => {
      const l = await lease();
      return l?.pid === first.child.pid ? l : undefined;
    });
    first.child.kill("SIGKILL");
    await first.exited;
    const left = (await lease())!;
    expect(left.pid).toBe(first.child.pid);

    const second = await start();
    const taken = await waitFor(async () => {
      const l = await lease();
      return l?.pid === second.child.pid ? l : undefined;
    }, 40_000);
    expect(taken.channelId).toBe(held.channelId);
    // Taken while the dead process's lease still ran.
    expect(taken.acquiredAt).toBeLessThan(left.expiresAt);
    const status = await db.query<{ status: string }>("SELECT status FROM channels WHERE id = $1", [
      held.channelId,
    ]);
    expect(status.rows[0]!.status).toBe("connected");
  });
});
