/**
 * End to end, as a shop would run it, with a real crash: a Kabar server process imports a
 * Google Contacts CSV export and a vCard file over HTTP, sends a 1,000-recipient campaign
 * on the sandbox, is killed with SIGKILL mid-campaign, and is started again. The campaign
 * must resume by itself and every customer must receive the message exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type pg from "pg";
import { PACING_PRESETS } from "../src/channels/pacing.js";
import { defaultPhone } from "../src/channels/sandbox/behaviour.js";
import { type CrashServer, crashServer } from "./support/crash-server.js";
import { expectedFate } from "./support/fate.js";
import { waitFor } from "./support/wait.js";

const GOOGLE_ROWS = 900;
const VCARDS = 100;
const BAD_GOOGLE_ROWS = [37, 412]; // data rows with an impossible phone
/** The server's sandbox seed: the test computes each message's fate from it. */
const SANDBOX_SEED = "kabar";

let server: CrashServer;
let db: pg.Client;
const http = <T>(method: string, path: string, body?: unknown) => server.http<T>(method, path, body);

function googleCsv(): string {
  const header =
    "First Name,Middle Name,Last Name,Labels,Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value";
  const rows = Array.from({ length: GOOGLE_ROWS }, (_, i) => {
    const phone = BAD_GOOGLE_ROWS.includes(i)
      ? "12"
      : `0857-${String(2000 + Math.floor(i / 1000)).padStart(4, "0")}-${String(i).padStart(4, "0")}`;
    const work = BAD_GOOGLE_ROWS.includes(i) ? "" : `(021) 555-${String(1000 + i)}`;
    return `Pelanggan,,Google ${i},e2e ::: * myContacts,Mobile,${phone},Work,${work}`;
  });
  return `${[header, ...rows].join("\r\n")}\r\n`;
}

function vcards(): string {
  return Array.from(
    { length: VCARDS },
    (_, i) =>
      `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Kartu ${i}\r\nN:${i};Kartu;;;\r\nTEL;type=CELL;waid=62878${String(10_000_000 + i)}:+62 878-${String(10_000_000 + i).replace(/(\d{4})(\d{4})/, "$1-$2")}\r\nCATEGORIES:e2e\r\nEND:VCARD\r\n`,
  ).join("");
}

async function upload(
  name: string,
  content: string,
): Promise<{ id: string; created: number; rejected: number }> {
  const form = new FormData();
  form.append("file", new Blob([content]), name);
  return http("POST", "/contacts/imports?labels=e2e", form);
}

async function counts(campaignId: string) {
  const r = await db.query<{ status: string; n: number }>(
    `SELECT status, count(*)::int AS n FROM campaign_recipients WHERE campaign_id = $1 GROUP BY status`,
    [campaignId],
  );
  return Object.fromEntries(r.rows.map((x) => [x.status, x.n])) as Record<string, number>;
}

beforeAll(async () => {
  server = await crashServer({
    KABAR_SECRET_KEY: "c".repeat(64),
    KABAR_SANDBOX_SEED: SANDBOX_SEED,
    // The imported customers are strangers to the sandbox; the test checks their replies land.
    KABAR_SANDBOX_STRANGERS_REPLY: "true",
  });
  db = server.db;
}, 120_000);

afterAll(async () => server?.close());

describe("a 1,000-recipient campaign from imported files survives kill -9", () => {
  it("imports, sends, crashes, resumes, and delivers exactly once", async () => {
    const google = await upload("contacts.csv", googleCsv());
    expect(google.created).toBe(GOOGLE_ROWS - BAD_GOOGLE_ROWS.length);
    expect(google.rejected).toBe(BAD_GOOGLE_ROWS.length);
    const errors = await http<Array<{ line: number }>>("GET", `/contacts/imports/${google.id}/errors`);
    expect(errors.map((e) => e.line)).toEqual(BAD_GOOGLE_ROWS.map((i) => i + 2)); // header is line 1
    const cards = await upload("contacts.vcf", vcards());
    expect(cards.created).toBe(VCARDS);

    // Two customers opted out before the campaign.
    const optedOut = (
      await http<{ items: Array<{ id: string; phone: string }> }>("GET", "/contacts?label=e2e&pageSize=2")
    ).items;
    for (const c of optedOut) await http("PATCH", `/contacts/${c.id}`, { optedOut: true });

    // No delays or caps ("pacing off"), one message at a time so the crash lands mid-way.
    const [channel] = await http<Array<{ id: string }>>("GET", "/channels");
    await http("PATCH", `/channels/${channel!.id}`, {
      pacing: { ...PACING_PRESETS.off, concurrency: 1 },
    });
    const campaign = await http<{ id: string; counts: { total: number } }>("POST", "/campaigns", {
      name: "E2E",
      channelId: channel!.id,
      body: "Halo {{name}}, stok baru datang!",
      audience: { type: "labels", labels: ["e2e"] },
    });
    const started = await http<{ counts: { total: number } }>("POST", `/campaigns/${campaign.id}/start`);
    const total = GOOGLE_ROWS - BAD_GOOGLE_ROWS.length + VCARDS;
    expect(started.counts.total).toBe(total);
    // The two opted-out customers are skipped at start. (The sender starts on the commit and
    // may already have skipped a number the sandbox says is not on WhatsApp when the answer's
    // counts are read, so those counts are not where to look.)
    const optedOutAtStart = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM campaign_recipients WHERE campaign_id = $1 AND failure_code = 'opted_out'`,
      [campaign.id],
    );
    expect(optedOutAtStart.rows[0]!.n).toBe(2);

    // Crash mid-campaign.
    await waitFor(async () => {
      const c = await counts(campaign.id);
      return (c.sent ?? 0) + (c.delivered ?? 0) + (c.read ?? 0) >= 250 ? true : undefined;
    }, 60_000);
    await server.kill();
    const atCrash = await counts(campaign.id);
    expect(atCrash.pending ?? 0).toBeGreaterThan(0);

    // Start again: the campaign resumes by itself.
    await server.start();
    await waitFor(async () => {
      const r = await db.query<{ status: string }>("SELECT status FROM campaigns WHERE id = $1", [
        campaign.id,
      ]);
      return r.rows[0]!.status === "completed" ? true : undefined;
    }, 90_000);
    const final = await counts(campaign.id);
    expect((final.pending ?? 0) + (final.sending ?? 0) + (final.failed ?? 0)).toBe(0);

    // Exactly once at the sandbox: one delivery per phone that was sent to, none twice.
    const delivered = await db.query<{ n: number; phones: number; texts: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT phone)::int AS phones FROM sandbox_messages m
       WHERE m.direction = 'in' AND m.text LIKE 'Halo %, stok baru datang!'`,
    );
    const sentStates = (final.sent ?? 0) + (final.delivered ?? 0) + (final.read ?? 0);
    expect(delivered.rows[0]!.n).toBe(sentStates);
    expect(delivered.rows[0]!.phones).toBe(sentStates);
    expect(sentStates + (final.skipped ?? 0)).toBe(total);
    // Skipped: the two opted-out customers, and numbers the sandbox says are not on WhatsApp.
    const skipped = await db.query<{ failure_code: string; n: number }>(
      `SELECT failure_code, count(*)::int AS n FROM campaign_recipients WHERE campaign_id = $1 AND status = 'skipped' GROUP BY failure_code`,
      [campaign.id],
    );
    const byCode = Object.fromEntries(skipped.rows.map((r) => [r.failure_code, r.n]));
    expect(byCode.opted_out).toBe(2);
    expect(Object.keys(byCode).sort()).toEqual(expect.arrayContaining(["opted_out"]));
    // One outbound message row per sent recipient, and replies landed in conversations.
    const outbound = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM messages WHERE campaign_id = $1`,
      [campaign.id],
    );
    expect(outbound.rows[0]!.n).toBe(sentStates);
    const replies = await waitFor(async () => {
      const r = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM campaign_recipients WHERE campaign_id = $1 AND replied_at IS NOT NULL`,
        [campaign.id],
      );
      return r.rows[0]!.n > 0 ? r.rows[0]!.n : undefined;
    }, 30_000);
    const conv = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM conversations`);
    expect(conv.rows[0]!.n).toBeGreaterThanOrEqual(replies);

    // Every recipient reaches the end state the sandbox decides for its message — those
    // sent before the crash too (their receipts come as offline notifications on restart).
    const expected = await db.query<{ id: string; phone: string; message_id: string }>(
      `SELECT id, phone, message_id FROM campaign_recipients WHERE campaign_id = $1 AND status <> 'skipped'`,
      [campaign.id],
    );
    const want = new Map(
      expected.rows.map((r) => [
        r.id,
        expectedFate(SANDBOX_SEED, defaultPhone(SANDBOX_SEED, r.phone), r.message_id),
      ]),
    );
    let mismatches: Array<{ id: string; status: string; replied: boolean; want: unknown }> = [];
    await waitFor(async () => {
      const now = await db.query<{ id: string; status: string; replied: boolean }>(
        `SELECT id, status, replied_at IS NOT NULL AS replied FROM campaign_recipients WHERE campaign_id = $1 AND status <> 'skipped'`,
        [campaign.id],
      );
      mismatches = now.rows
        .filter((r) => r.status !== want.get(r.id)!.status || r.replied !== (want.get(r.id)!.replies === 1))
        .map((r) => ({ ...r, want: want.get(r.id) }));
      return mismatches.length === 0 ? true : undefined;
    }, 60_000).catch(() => undefined);
    expect(mismatches).toEqual([]);
  });
});
