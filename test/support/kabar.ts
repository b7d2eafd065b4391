import pino from "pino";
import { loadConfig } from "../../src/config.js";
import { startKabar, type Kabar, type StartOptions } from "../../src/kabar.js";
import type { Actor } from "../../src/lib/actor.js";
import { createTestDatabase, dropTestDatabase } from "./db.js";
import { offlineTransports } from "./offline-transports.js";

export const OWNER_EMAIL = "owner@toko-contoh.test";
export const OWNER_PASSWORD = "rahasia-toko-123";

export interface TestKabar extends Kabar {
  /** The seeded demo tenant's owner. */
  owner: Actor;
  /** Sign-in cookie header of the owner, for app.inject. */
  cookie: string;
  /** Stops Kabar and drops the test database. */
  close(): Promise<void>;
}

/**
 * Starts a whole Kabar on a fresh database (no HTTP listener: tests use app.inject), with
 * the demo seed, a fast sandbox clock, the sandbox's new-chat cap off (a test that plays
 * it passes `KABAR_SANDBOX_NEW_CHAT_CAP: "true"`) and quiet logs.
 */
export async function startTestKabar(
  env: Record<string, string> = {},
  opts: Partial<StartOptions> = {},
  url?: string,
): Promise<TestKabar> {
  const databaseUrl = url ?? (await createTestDatabase());
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    KABAR_SECRET_KEY: "a".repeat(64),
    KABAR_SANDBOX_TIME_SCALE: "0.001",
    // The sandbox's own new-chat cap is off in tests (a test that plays it passes "true").
    KABAR_SANDBOX_NEW_CHAT_CAP: "false",
    // Made-up numbers (an order's customer, a typed contact) never answer by themselves in tests.
    KABAR_SANDBOX_STRANGERS_REPLY: "false",
    // The demo's sandbox Cloud API number is off in tests (test/cloud-sandbox.test.ts turns it on).
    KABAR_SEED_CLOUD_SANDBOX: "false",
    // The demo's catalogue and order history are off in tests (test/demo-orders.test.ts turns them on).
    KABAR_SEED_ORDERS: "false",
    KABAR_OWNER_EMAIL: OWNER_EMAIL,
    KABAR_OWNER_PASSWORD: OWNER_PASSWORD,
    LOG_LEVEL: "silent",
    // No test reaches Meta: a loopback Graph host the outbound guard refuses (a test with a
    // fake Graph passes its operatorEnv).
    KABAR_CLOUD_API_BASE_URL: "http://127.0.0.1:9",
    ...env,
  });
  const kabar = await startKabar(config, {
    log: pino({ level: process.env.TEST_LOG ?? "silent" }),
    listen: false,
    dispatcher: { idleMs: 50, retryBaseMs: 20 },
    transports: offlineTransports(),
    // Periodic sweeps on the real clock would race the rows tests seed in the past.
    periodicJobs: false,
    ...opts,
  });
  const signIn = await kabar.http!.inject({
    method: "POST",
    url: "/api/v1/auth/sign-in",
    payload: { email: OWNER_EMAIL, password: OWNER_PASSWORD },
  });
  const { user } = signIn.json() as { user: { id: string; tenantId: string } };
  const cookie = String(signIn.headers["set-cookie"]).split(";")[0]!;
  return {
    ...kabar,
    owner: { tenantId: user.tenantId, userId: user.id, role: "owner" },
    cookie,
    close: async () => {
      await kabar.stop();
      if (!url) await dropTestDatabase(databaseUrl);
    },
  };
}
