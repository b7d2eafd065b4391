import { z } from "zod";
import { DEFAULT_META_RATES, metaRatesEnv } from "./channels/meta-pricing.js";
import { parseAllowEntry } from "./lib/outbound/index.js";

/** Parses a boolean env var ("1", "true", "yes", "0", "false", "no"). */
const envBool = z
  .enum(["1", "0", "true", "false", "yes", "no"])
  .transform((v) => v === "1" || v === "true" || v === "yes");

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  /** PostgreSQL ≥ 15. Unset: Kabar runs its embedded PostgreSQL under KABAR_DATA_DIR/pg. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  KABAR_DATA_DIR: z.string().min(1).default("./data"),
  /** Port of the embedded PostgreSQL (only without DATABASE_URL). */
  KABAR_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  /** 32 bytes, base64 or hex. Unset in embedded mode: generated into KABAR_DATA_DIR/secret.key. */
  KABAR_SECRET_KEY: z.string().min(32).optional(),
  KABAR_ROLE: z.enum(["all", "web", "worker"]).default("all"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Seed a demo tenant, owner and sandbox channel on first start. */
  KABAR_SEED_DEMO: envBool.default(true),
  /**
   * The demo seed also adds a sandbox Cloud API number (its approved template synced) next to
   * the sandbox WhatsApp number. On by default; the test suites run without it (a number
   * more changes what they count), and test/cloud-sandbox.test.ts turns it on.
   */
  KABAR_SEED_CLOUD_SANDBOX: envBool.default(true),
  /**
   * The demo seed also gives the demo shop its catalogue (10 products) and six months of
   * its customers' orders, with RFM segments computed. On by default; the test suites run
   * without it (they count their own orders), and test/demo-orders.test.ts turns it on.
   */
  KABAR_SEED_ORDERS: envBool.default(true),
  KABAR_OWNER_EMAIL: z.email().default("owner@toko-contoh.test"),
  /** Unset: a random password is generated and printed once on first start. */
  KABAR_OWNER_PASSWORD: z.string().min(8).optional(),
  KABAR_SANDBOX_SEED: z.string().min(1).default("kabar"),
  /** Multiplies every simulated sandbox delay: 1 = real time, 0.01 = 100× faster. */
  KABAR_SANDBOX_TIME_SCALE: z.coerce.number().positive().max(100).default(1),
  /**
   * Sandbox numbers play WhatsApp's new-chat cap by themselves: new chats count against a
   * warm-up quota, and past it come timelocks (error 463) and silent drops. Off, only the
   * sandbox's faults change a number's cap and timelock. On by default: the demo shows
   * WhatsApp as it is in 2026 (a new number starts ~20 new chats a day; issue 15).
   */
  KABAR_SANDBOX_NEW_CHAT_CAP: envBool.default(true),
  /**
   * Numbers no virtual customer owns (any number a shop writes to that the sandbox did not
   * make) answer now and then, 5–15 % of what they receive, like real strangers. Off, they
   * only receive and read: the test suites run this way, so no random answer lands in a
   * test that sent an order's thank-you to a made-up number.
   */
  KABAR_SANDBOX_STRANGERS_REPLY: envBool.default(true),
  KABAR_SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 14),
  /** How often each process re-checks the sessions of its open sockets, ms: a removed user's or changed role's socket is closed by then (sign-out and expiry close at once). */
  KABAR_SESSION_CHECK_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  /** Always marks the session cookie Secure (and names it `__Host-kabar_session`). It is also done by itself for a request served over https (see KABAR_PUBLIC_URL, KABAR_TRUST_PROXY). */
  KABAR_COOKIE_SECURE: envBool.default(false),
  /**
   * The address browsers use to reach Kabar (scheme, host, port; no path), e.g.
   * https://kabar.toko.id. Unsafe requests signed in by cookie must come from this origin (or
   * from the origin of the Host they were sent to). https here makes the cookie Secure and
   * turns on HSTS. Unset: http://127.0.0.1:PORT.
   */
  KABAR_PUBLIC_URL: z
    .url({ protocol: /^https?$/ })
    .refine(
      (u) => new URL(u).pathname === "/" && !new URL(u).search && !new URL(u).hash,
      "scheme, host and port only (no path)",
    )
    .optional(),
  /** Kabar sits behind a reverse proxy it trusts: X-Forwarded-Proto/-Host/-For are believed (https there makes the cookie Secure). Never set it when clients reach Kabar directly. */
  KABAR_TRUST_PROXY: envBool.default(false),
  /** Who may read the API documentation at /docs: `public`, `signed_in` (a session, by cookie or Bearer session token; not an API key), or `off`. */
  KABAR_API_DOCS: z.enum(["public", "signed_in", "off"]).default("signed_in"),
  /** After 5 failed sign-ins in a row for one e-mail, it is locked this long, ms, doubling with each further failure (at most 15 minutes). Kept in PostgreSQL: all processes and restarts share it. */
  KABAR_SIGN_IN_BACKOFF_MS: z.coerce.number().int().min(100).max(900_000).default(1_000),
  /** Sign-in attempts per minute from one client address (429 beyond); a shop whose staff share one office address may need more. The per-e-mail lock (KABAR_SIGN_IN_BACKOFF_MS) is what stops password guessing. */
  KABAR_SIGN_IN_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(10),
  /** Requests per minute one API key may make (429 `api_key_rate_limited` beyond), counted per process. The order benchmark sets it high. */
  KABAR_API_KEY_RATE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  /** An upload (multipart body) that sends nothing for this long is refused with 408, ms. */
  KABAR_UPLOAD_IDLE_MS: z.coerce.number().int().min(100).max(600_000).default(20_000),
  /** Channel lease time to live, ms: a dead process's channels are taken over after at most this plus one heartbeat. */
  KABAR_LEASE_TTL_MS: z.coerce.number().int().min(300).max(600_000).default(15_000),
  /** How often a process renews its channel leases and rebalances channels, ms (at most a third of the TTL). */
  KABAR_LEASE_HEARTBEAT_MS: z.coerce.number().int().min(100).max(200_000).default(5_000),
  /** How long an online agent stays online after their last socket closes, ms (a reload or a short network drop keeps them online). */
  KABAR_PRESENCE_GRACE_MS: z.coerce.number().int().min(0).max(3_600_000).default(60_000),
  /**
   * Hosts (`host` or `host:port`, comma-separated) that outbound requests may reach although
   * they resolve to private or loopback addresses, and over plain http: local fakes and
   * tests only. Operator-level; no shop request can set it.
   */
  KABAR_OUTBOUND_ALLOW_HOSTS: z
    .string()
    .transform((v, ctx) => {
      const entries = v
        .split(",")
        .map((e) => e.trim())
        .filter(Boolean);
      for (const e of entries) {
        try {
          parseAllowEntry(e);
        } catch (err) {
          ctx.addIssue({ code: "custom", message: (err as Error).message });
        }
      }
      return entries;
    })
    .default([]),
  /**
   * The Graph API every Cloud API channel talks to (scheme and host). Only an operator
   * changes it (a local fake Graph in tests, together with KABAR_OUTBOUND_ALLOW_HOSTS).
   */
  KABAR_CLOUD_API_BASE_URL: z
    .string()
    .refine(
      (u) => /^https?:\/\/[^/]+\/?$/.test(u) && URL.canParse(u),
      "must be http(s)://host[:port] without a path",
    )
    .transform((u) => u.replace(/\/+$/, ""))
    .default("https://graph.facebook.com"),
  /**
   * Meta's per-message prices in rupiah, merged over the default (Indonesia, +62): JSON
   * `{ "<calling code>" | "*": { "MARKETING"?: n, "UTILITY"?: n, "AUTHENTICATION"?: n } }`,
   * e.g. `{"62":{"MARKETING":586.33},"*":{"MARKETING":1000}}` (src/channels/meta-pricing.ts).
   */
  KABAR_META_RATES: metaRatesEnv.default(DEFAULT_META_RATES),
  /**
   * `single` (default): one shop, no billing anywhere. `saas`: public sign-up, packages with
   * quotas, Midtrans payments and the platform console (issue 14, docs/billing.md).
   */
  KABAR_MODE: z.enum(["single", "saas"]).default("single"),
  /** SaaS mode: the first platform admin's e-mail, made on the first start. */
  KABAR_PLATFORM_ADMIN_EMAIL: z.email().default("admin@kabar.test"),
  /** SaaS mode: the first platform admin's password. Unset: generated and printed once on first start. */
  KABAR_PLATFORM_ADMIN_PASSWORD: z.string().min(8).optional(),
  /** SaaS mode: days an active subscription past its period may still send (past_due), 0–30. */
  KABAR_GRACE_DAYS: z.coerce.number().int().min(0).max(30).default(3),
  /** SaaS mode: PPN (VAT) rate in percent printed on invoices, 0 = none (0–100, two decimals). */
  KABAR_PPN_RATE: z.coerce.number().min(0).max(100).default(0),
  /** SaaS mode: sign-ups per hour from one client address (429 beyond). */
  KABAR_SIGN_UP_PER_HOUR: z.coerce.number().int().min(1).max(10_000).default(5),
  /**
   * Midtrans server key (`SB-Mid-server-…` in sandbox). Never logged. Unset in SaaS mode:
   * Kabar runs its fake Midtrans (src/modules/billing/midtrans/fake) on its own port, for
   * demos and tests.
   */
  MIDTRANS_SERVER_KEY: z.string().min(1).optional(),
  /** Midtrans client key (the Snap popup's `data-client-key`). */
  MIDTRANS_CLIENT_KEY: z.string().min(1).optional(),
  /** Midtrans' production endpoints (app.midtrans.com, api.midtrans.com) instead of sandbox. */
  MIDTRANS_IS_PRODUCTION: envBool.default(false),
});

/** Kabar's configuration, parsed once at boot from the environment. */
export type Config = z.infer<typeof configSchema>;

/** Thrown when an environment variable is invalid; the message names each bad variable. */
export class ConfigError extends Error {
  constructor(readonly issues: Array<{ variable: string; message: string }>) {
    super(
      "Invalid configuration:\n" +
        issues.map((i) => `  ${i.variable}: ${i.message}`).join("\n") +
        "\nSee the configuration table in README.md.",
    );
    this.name = "ConfigError";
  }
}

/**
 * Parses the environment (empty strings count as unset).
 * @throws ConfigError naming every invalid variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned: Record<string, string> = {};
  for (const key of Object.keys(configSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== "") cleaned[key] = value;
  }
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => ({ variable: String(i.path[0] ?? "?"), message: i.message })),
    );
  }
  if (parsed.data.KABAR_LEASE_TTL_MS < 3 * parsed.data.KABAR_LEASE_HEARTBEAT_MS) {
    throw new ConfigError([
      { variable: "KABAR_LEASE_TTL_MS", message: "must be at least 3 × KABAR_LEASE_HEARTBEAT_MS" },
    ]);
  }
  return parsed.data;
}

/**
 * The public address of Kabar (an origin: scheme://host[:port]): KABAR_PUBLIC_URL, or the
 * listen address (127.0.0.1 when listening on every interface).
 */
export function publicOrigin(config: Pick<Config, "KABAR_PUBLIC_URL" | "HOST" | "PORT">): string {
  if (config.KABAR_PUBLIC_URL) return new URL(config.KABAR_PUBLIC_URL).origin;
  const host = ["0.0.0.0", "::", "[::]"].includes(config.HOST)
    ? "127.0.0.1"
    : config.HOST.includes(":") && !config.HOST.startsWith("[")
      ? `[${config.HOST}]`
      : config.HOST;
  return new URL(`http://${host}:${config.PORT}`).origin;
}
