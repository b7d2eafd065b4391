import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { CampaignDto } from "../src/modules/campaigns/schemas.js";
import type { ChannelDto } from "../src/modules/channels/schemas.js";
import type { ContactDto } from "../src/modules/contacts/schemas.js";
import type { Overview } from "../src/modules/stats/schemas.js";
import type { Actor } from "../src/lib/actor.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { addTenant, apiClient, errorOf, ok, type Api } from "./support/api.js";

/**
 * GET /stats/overview: per-day counts on the shop's calendar days. The recipients' times
 * are set in the database around day boundaries, and "now" is fixed through the service,
 * so the grouping by time zone is checked exactly.
 */

let k: TestKabar;
let api: Api;
let actor: Actor;

/** 17:00 WIB on Friday 20 November 2026. */
const NOW = Date.parse("2026-11-20T10:00:00Z");

beforeAll(async () => {
  k = await startTestKabar();
  api = apiClient(k.http!, { cookie: k.cookie });
  const channelId = (await ok(api<ChannelDto[]>("GET", "/channels")))[0]!.id;
  const me = await ok(api<{ user: { tenantId: string; id: string } }>("GET", "/auth/me"));
  actor = { tenantId: me.user.tenantId, userId: me.user.id, role: "owner" };
  // A draft (never started, so nothing sends) holding recipients with chosen times.
  const c = await ok(
    api<CampaignDto>("POST", "/campaigns", {
      name: "Statistik",
      channelId,
      body: "Halo",
      audience: { type: "all" },
    }),
    201,
  );
  const contacts = (await ok(api<{ items: ContactDto[] }>("GET", "/contacts?pageSize=10"))).items;
  const rows: Array<[string, string | null, string | null, string | null, string | null, string | null]> = [
    // status, sent, delivered, read, replied, updated (for failed)
    // 00:30 WIB on the 20th (still the 19th in UTC): today.
    [
      "read",
      "2026-11-19T17:30:00Z",
      "2026-11-19T17:31:00Z",
      "2026-11-19T17:40:00Z",
      "2026-11-20T01:00:00Z",
      null,
    ],
    // 23:30 WIB on the 19th: yesterday.
    ["delivered", "2026-11-19T16:30:00Z", "2026-11-19T16:59:59Z", null, null, null],
    // Failed on the 18th (12:00 WIB).
    ["failed", null, null, null, null, "2026-11-18T05:00:00Z"],
    // 01:00 WIB on the 15th: in the last 7 days.
    ["sent", "2026-11-14T18:00:00Z", null, null, null, null],
    // 23:59 WIB on the 13th: only in the last 30 days.
    ["sent", "2026-11-13T16:59:00Z", null, null, null, null],
  ];
  for (const [i, [status, sent, delivered, read, replied, updated]] of rows.entries()) {
    const contact = contacts[i]!;
    await k.database.db.execute(sql`
      INSERT INTO campaign_recipients (tenant_id, campaign_id, channel_id, contact_id, phone, text, message_id, status, sent_at, delivered_at, read_at, replied_at, updated_at)
      VALUES (${actor.tenantId}, ${c.id}, ${c.channelId}, ${contact.id}, ${contact.phone}, 'Halo', ${`3EB0STAT${i}`}, ${status}, ${sent}, ${delivered}, ${read}, ${replied}, coalesce(${updated}::timestamptz, ${sent}::timestamptz))`);
  }
  // Opted out at 09:00 WIB today; another contact long ago.
  await k.database.db.execute(
    sql`UPDATE contacts SET opted_out = true, opted_out_at = '2026-11-20T02:00:00Z' WHERE id = ${contacts[6]!.id}`,
  );
  await k.database.db.execute(
    sql`UPDATE contacts SET opted_out = true, opted_out_at = '2026-01-01T02:00:00Z' WHERE id = ${contacts[7]!.id}`,
  );
});
afterAll(async () => k?.close());

const zero = { sent: 0, delivered: 0, read: 0, failed: 0, replied: 0, optOuts: 0, suspectedDrops: 0 };

describe("stats overview", () => {
  it("counts each event on its day in the shop's time zone (WIB)", async () => {
    const o = await k.services.stats.overview(actor, 7, NOW);
    expect(o.timeZone).toBe("Asia/Jakarta");
    expect(o.days.map((d) => d.date)).toEqual([
      "2026-11-14",
      "2026-11-15",
      "2026-11-16",
      "2026-11-17",
      "2026-11-18",
      "2026-11-19",
      "2026-11-20",
    ]);
    const day = (date: string) => o.days.find((d) => d.date === date)!;
    expect(day("2026-11-20")).toEqual({
      date: "2026-11-20",
      sent: 1,
      delivered: 1,
      read: 1,
      failed: 0,
      replied: 1,
      optOuts: 1,
      suspectedDrops: 0,
    });
    expect(day("2026-11-19")).toEqual({ date: "2026-11-19", ...zero, sent: 1, delivered: 1 });
    expect(day("2026-11-18")).toEqual({ date: "2026-11-18", ...zero, failed: 1 });
    expect(day("2026-11-15")).toEqual({ date: "2026-11-15", ...zero, sent: 1 });
    expect(day("2026-11-14")).toEqual({ date: "2026-11-14", ...zero });
    expect(o.today).toEqual({
      sent: 1,
      delivered: 1,
      read: 1,
      failed: 0,
      replied: 1,
      optOuts: 1,
      suspectedDrops: 0,
    });
    expect(o.totals).toEqual({
      sent: 3,
      delivered: 2,
      read: 1,
      failed: 1,
      replied: 1,
      optOuts: 1,
      suspectedDrops: 0,
    });
  });

  it("30 days reach further back", async () => {
    const o = await k.services.stats.overview(actor, 30, NOW);
    expect(o.days).toHaveLength(30);
    expect(o.days[0]!.date).toBe("2026-10-22");
    expect(o.days.find((d) => d.date === "2026-11-13")!.sent).toBe(1);
    expect(o.totals.sent).toBe(4);
  });

  it("another time zone moves the day boundaries", async () => {
    await ok(api("PATCH", "/tenant", { timeZone: "UTC" }));
    const o = await k.services.stats.overview(actor, 7, NOW);
    expect(o.timeZone).toBe("UTC");
    expect(o.days.find((d) => d.date === "2026-11-19")).toMatchObject({ sent: 2, delivered: 2, read: 1 });
    expect(o.today).toMatchObject({ sent: 0, replied: 1, optOuts: 1 });
    await ok(api("PATCH", "/tenant", { timeZone: "Asia/Jakarta" }));
  });

  it("GET /stats/overview answers the last 7 days by default, ending today in the shop zone", async () => {
    const o = await ok(api<Overview>("GET", "/stats/overview"));
    expect(o.days).toHaveLength(7);
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Jakarta" }).format(new Date());
    expect(o.days[6]!.date).toBe(today);
    expect((await ok(api<Overview>("GET", "/stats/overview?days=30"))).days).toHaveLength(30);
  });

  it("answers 400 naming days for anything but 7 or 30", async () => {
    for (const q of ["days=5", "days=abc", "days=", "days=7.5"]) {
      const r = await api("GET", `/stats/overview?${q}`);
      expect({ q, status: r.status, fields: Object.keys(errorOf(r).fields ?? {}) }).toEqual({
        q,
        status: 400,
        fields: ["days"],
      });
    }
  });

  it("never counts another shop's messages", async () => {
    const other = await addTenant(k, "Toko Sepi", "pemilik@toko-sepi.test", "sepi-rahasia-321");
    const o = await k.services.stats.overview(
      { tenantId: other.tenantId, userId: other.userId, role: "owner" },
      30,
      NOW,
    );
    expect(o.totals).toEqual(zero);
    const viaHttp = await ok(other.api<Overview>("GET", "/stats/overview?days=30"));
    expect(viaHttp.totals).toEqual(zero);
  });
});
