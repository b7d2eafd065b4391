/**
 * `npm run bench:inbox [-- --conversations 50000 --messages-per 20 --runs 200 --rate 200
 * --seconds 60 --sockets 50]`: the inbox at shop scale.
 *
 * Bulk-inserts (generate_series) 50,000 contacts with one conversation each and 20
 * messages per conversation (1,000,000 messages), then times the list the inbox page asks
 * for — first page, each filter, search by name / phone / message text, and a deep page
 * by cursor — through the service the API route calls (`services.conversations.list`).
 * Prints p50 / p95 / max per query, in ms, and a baseline from the same run (the bare
 * first page of 50 ids from the index) with the ratio. Then the real-time path (bench/inbox-latency.ts):
 * `rate` inbound messages a second over the sandbox for `seconds`, `sockets` sockets
 * listening; p50 / p99 ms from the transport's message event to each socket's `message.new`.
 * `--seconds 0` skips it. `--realtime-only` skips the bulk data and the list queries
 * (e.g. `npm run bench:inbox -- --realtime-only --seconds 15`); the real-time part also
 * prints the achieved inbound (store) rate and the transport → stored latency.
 * `--keyword-rule` gives the shop a keyword auto-reply rule its messages never match.
 * `--auto-reply-latency N`: N customers ask the price one after another; p50 / p95 / max ms
 * from each message's intake to its auto-reply decision (bench/auto-reply-latency.ts).
 */
import type pg from "pg";
import type { Actor } from "../src/lib/actor.js";
import type { ListQuery } from "../src/modules/inbox/schemas.js";
import { measureAutoReplyLatency } from "./auto-reply-latency.js";
import { measureSocketLatency } from "./inbox-latency.js";
import { measureStoreRate } from "./inbox-store.js";
import { benchKabar, machine, quantile } from "./support.js";

/** The owner password bench/support.ts gives the demo owner. */
const BENCH_PASSWORD = "bench-password";

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const CONVERSATIONS = arg("conversations", 50_000);
const MESSAGES_PER = arg("messages-per", 20);
const RUNS = arg("runs", 200);
const RATE = arg("rate", 200);
const SECONDS = arg("seconds", 60);
const SOCKETS = arg("sockets", 50);
const REALTIME_ONLY = process.argv.includes("--realtime-only");
/** `--keyword-rule`: the shop has an enabled keyword auto-reply rule the bench's messages never match. */
const KEYWORD_RULE = process.argv.includes("--keyword-rule");
/** `--store-seconds N`: first time the inbound store alone (bench/inbox-store.ts), `--parallel` at a time (default 20). */
const STORE_SECONDS = arg("store-seconds", 0);
const PARALLEL = arg("parallel", 20);
/** `--auto-reply-latency N`: time N auto-reply decisions from intake (0: skip). */
const AUTO_REPLY_LATENCY = arg("auto-reply-latency", 0);

const { kabar, owner, close } = await benchKabar();
const { pool } = kabar.database;
const s = kabar.services;
try {
  console.log(`Kabar inbox benchmark — ${machine()}`);
  console.log(
    `database: ${process.env.DATABASE_URL ? "DATABASE_URL" : "embedded PostgreSQL"} (${(await pool.query("SHOW server_version")).rows[0].server_version})`,
  );
  const [channel] = await s.channels.list(owner);
  if (!REALTIME_ONLY) await listQueries(channel!.id);

  if (KEYWORD_RULE)
    await s.automation.create(owner, {
      name: "Harga",
      type: "keyword",
      channelId: null,
      config: { keywords: ["harga"], mode: "contains", caseSensitive: false },
      reply: "Harga ada di katalog kak",
      priority: 50,
      enabled: true,
      cooldownSeconds: 3600,
      delayMinSeconds: 1,
      delayMaxSeconds: 3,
    });
  if (STORE_SECONDS > 0) {
    const r = await measureStoreRate(kabar, owner, {
      seconds: STORE_SECONDS,
      parallel: PARALLEL,
      customers: 500,
    });
    console.log(
      `\ninbound store (inbox.receive, ${PARALLEL} at a time, ${STORE_SECONDS} s${KEYWORD_RULE ? ", a keyword rule" : ""}): ${r.stored} messages, ${r.perSecond.toFixed(0)}/s, ${r.queriesPerMessage.toFixed(1)} SQL round trips a message`,
    );
  }
  if (AUTO_REPLY_LATENCY > 0) {
    const l = await measureAutoReplyLatency(kabar, owner, AUTO_REPLY_LATENCY);
    console.log(
      `\nintake → auto-reply decision (log row), ${l.length} messages one at a time: p50 ${quantile(l, 0.5).toFixed(1)} ms, p95 ${quantile(l, 0.95).toFixed(1)} ms, max ${quantile(l, 1).toFixed(1)} ms`,
    );
  }
  if (SECONDS > 0) {
    console.log(`\nreal time: ${RATE} inbound/s over the sandbox for ${SECONDS} s, ${SOCKETS} sockets`);
    const r = await measureSocketLatency(kabar, owner, {
      rate: RATE,
      seconds: SECONDS,
      sockets: SOCKETS,
      password: BENCH_PASSWORD,
    });
    console.log(`  ${r.sent} messages; ${r.latencies.length} of ${r.expected} socket deliveries measured`);
    console.log(
      `  stored ${r.stored} of ${r.sent}: ${r.storedPerSecond.toFixed(0)} inbound/s; transport event → stored: p50 ${quantile(r.storeLatencies, 0.5).toFixed(1)} ms, p99 ${quantile(r.storeLatencies, 0.99).toFixed(1)} ms (after the first 2 s: p50 ${quantile(r.storeLatenciesWarm, 0.5).toFixed(1)}, p99 ${quantile(r.storeLatenciesWarm, 0.99).toFixed(1)} ms)`,
    );
    console.log(
      `  transport event → socket message.new: p50 ${quantile(r.latencies, 0.5).toFixed(1)} ms, p99 ${quantile(r.latencies, 0.99).toFixed(1)} ms, max ${quantile(r.latencies, 1).toFixed(1)} ms`,
    );
  }
} finally {
  await close();
}

/** Loads the shop-scale data (unless already there) and times the conversation list queries. */
async function listQueries(channelId: string): Promise<void> {
  const t0 = performance.now();
  // With DATABASE_URL a second run reuses the data of the first.
  const existing = Number(
    (await pool.query(`SELECT count(*) AS n FROM conversations WHERE tenant_id = $1`, [owner.tenantId]))
      .rows[0].n,
  );
  if (existing < CONVERSATIONS) await load(pool, owner, channelId);
  const counts = (
    await pool.query(`SELECT (SELECT count(*) FROM conversations) AS c, (SELECT count(*) FROM messages) AS m`)
  ).rows[0];
  console.log(
    `data: ${counts.c} conversations, ${counts.m} messages, ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  const base: ListQuery = { assignee: "all", limit: 50 };
  const page10 = await (async () => {
    let cursor: string | undefined;
    for (let i = 0; i < 10; i++)
      cursor = (await s.conversations.list(owner, { ...base, cursor })).at(-1)!.cursor;
    return cursor!;
  })();
  const cases: Array<[string, Partial<ListQuery>]> = [
    ["first page", {}],
    ["status open", { status: "open" }],
    ["status snoozed", { status: "snoozed" }],
    ["mine", { assignee: "mine" }],
    ["unassigned, open", { assignee: "unassigned", status: "open" }],
    ["label grosir", { label: "grosir" }],
    ["channel", { channelId }],
    ["search name", { search: "Pelanggan 4242" }],
    ["search phone 0814…", { search: "0814000424" }],
    ["search text (rare)", { search: "nomor 31337-7" }],
    ["search text (common)", { search: "ongkir" }],
    ["page 11 by cursor", { cursor: page10 }],
  ];
  const all: number[] = [];
  const byCase = new Map<string, number[]>();
  console.log("\nconversation list (services.conversations.list, limit 50), ms:");
  for (const [name, q] of cases) {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await s.conversations.list(owner, { ...base, ...q });
      times.push(performance.now() - t);
    }
    all.push(...times);
    byCase.set(name, times);
    console.log(
      `  ${name.padEnd(22)} p50 ${quantile(times, 0.5).toFixed(2).padStart(6)}  p95 ${quantile(times, 0.95).toFixed(2).padStart(6)}  max ${Math.max(
        ...times,
      )
        .toFixed(2)
        .padStart(7)}`,
    );
  }
  console.log(
    `  ${"all queries".padEnd(22)} p50 ${quantile(all, 0.5).toFixed(2).padStart(6)}  p95 ${quantile(all, 0.95).toFixed(2).padStart(6)}`,
  );
  // Baseline in the same run: the bare first page straight from the index (50 ids, no
  // joins, no last message, no filters), through the same pool.
  const bare: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await pool.query(
      "SELECT id FROM conversations WHERE tenant_id = $1 ORDER BY last_message_at DESC NULLS LAST, id DESC NULLS LAST LIMIT 50",
      [owner.tenantId],
    );
    bare.push(performance.now() - t);
  }
  console.log(
    `  ${"baseline: bare 50 ids".padEnd(22)} p50 ${quantile(bare, 0.5).toFixed(2).padStart(6)}  p95 ${quantile(bare, 0.95).toFixed(2).padStart(6)}; first page / baseline at p95: ${(quantile(byCase.get("first page")!, 0.95) / quantile(bare, 0.95)).toFixed(1)}×`,
  );
}

/** Bulk-inserts the contacts, conversations and messages (generate_series), then ANALYZE. */
async function load(pool: pg.Pool, owner: Actor, channelId: string): Promise<void> {
  await pool.query(
    `INSERT INTO contacts (tenant_id, phone, name, name_source)
     SELECT $1, '+62814' || lpad(i::text, 8, '0'), 'Pelanggan ' || i, 'import' FROM generate_series(1, $2::int) i
     ON CONFLICT DO NOTHING`,
    [owner.tenantId, CONVERSATIONS],
  );
  // Activity spread over 90 days; a quarter resolved, a tenth snoozed; a third assigned to
  // the owner; one in 50 labelled "grosir".
  await pool.query(
    `INSERT INTO conversations (tenant_id, channel_id, contact_id, status, unread_count, last_message_at, last_inbound_at, assignee_id, labels, snoozed_until)
     SELECT $1, $2, ct.id,
            CASE WHEN n % 4 = 0 THEN 'resolved' WHEN n % 10 = 1 THEN 'snoozed' ELSE 'open' END,
            n % 3, now() - (n * interval '155 seconds'), now() - (n * interval '155 seconds'),
            CASE WHEN n % 3 = 0 THEN $3::uuid END,
            CASE WHEN n % 50 = 0 THEN ARRAY['grosir'] ELSE '{}'::text[] END,
            CASE WHEN n % 10 = 1 THEN now() + interval '1 day' END
     FROM (SELECT id, row_number() OVER (ORDER BY phone) AS n FROM contacts WHERE tenant_id = $1 AND phone LIKE '+62814%') ct
     ON CONFLICT DO NOTHING`,
    [owner.tenantId, channelId, owner.userId],
  );
  const words = [
    "ready",
    "stok",
    "ongkir",
    "Bandung",
    "Surabaya",
    "ukuran",
    "warna",
    "merah",
    "transfer",
    "sudah",
    "kak",
    "pesan",
    "diskon",
    "COD",
    "resi",
  ];
  await pool.query(
    `INSERT INTO messages (tenant_id, channel_id, contact_id, direction, external_id, text, status, created_at)
     SELECT c.tenant_id, c.channel_id, c.contact_id, CASE WHEN j % 2 = 0 THEN 'in' ELSE 'out' END,
            'bench-' || c.id || '-' || j,
            ($3::text[])[1 + (hashtext(c.id::text || j) & 2147483647) % 15] || ' ' || ($3::text[])[1 + (hashtext(j || c.id::text) & 2147483647) % 15]
              || ' kak, pesanan nomor ' || (hashtext(c.id::text) & 65535) || '-' || j,
            CASE WHEN j % 2 = 0 THEN 'received' ELSE 'read' END,
            c.last_message_at - (($4::int - j) * interval '1 minute')
     FROM conversations c, generate_series(1, $4::int) j
     WHERE c.tenant_id = $1 AND c.channel_id = $2`,
    [owner.tenantId, channelId, words, MESSAGES_PER],
  );
  await pool.query("ANALYZE contacts; ANALYZE conversations; ANALYZE messages");
}
