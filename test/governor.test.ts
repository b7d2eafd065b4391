/**
 * The governor (issue 15): a WhatsApp Web number's campaigns slow down or hold back their
 * cold recipients (new chats) when WhatsApp's new-chat cap, a reach-out timelock or error
 * 463 says so, keep sending to warm ones, and resume on their own. A dispatcher runs on a
 * fake transport against real PostgreSQL; the governor's clock is injected (`now`), so a
 * cycle's end or a 5-minute re-read is reached by moving it, never by waiting.
 */
import pino from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import { PACING_PRESETS, type PacingPolicy } from "../src/channels/pacing.js";
import { TransportError } from "../src/channels/transport.js";
import { campaignRecipients, campaigns, messages, notifications } from "../src/db/schema/index.js";
import { createNotificationService, listenForNotifications } from "../src/modules/notifications/index.js";
import { Bus, type BusEvents } from "../src/lib/bus.js";
import { Dispatcher } from "../src/modules/campaigns/dispatcher.js";
import { countsFor } from "../src/modules/campaigns/queries/recipients.js";
import { createCampaignReporter } from "../src/modules/campaigns/report.js";
import { halfRateGapMs } from "../src/modules/campaigns/cold-gate.js";
import { factory } from "./support/factory.js";
import { FakeTransport } from "./support/fake-transport.js";
import { leaseDb, type LeaseDb } from "./support/leases.js";
import { waitFor } from "./support/wait.js";

const HOUR = 3_600_000;
const FAST: PacingPolicy = { ...PACING_PRESETS.off, concurrency: 1 };

let d: LeaseDb;
let running: Dispatcher[] = [];
let stopListening: Array<() => void> = [];

beforeAll(async () => {
  d = await leaseDb();
});
afterEach(async () => {
  await Promise.all(running.map((x) => x.stop()));
  running = [];
  for (const off of stopListening) off();
  stopListening = [];
});
afterAll(async () => {
  await d?.drop();
});

type Restricted = BusEvents["channel.restricted"];

/** A channel with a campaign: `warm` warm and `cold` cold recipients, in the order given by `order` ("w"/"c"). */
async function setup(order: string, policy: PacingPolicy = FAST, now = Date.UTC(2026, 11, 6, 3)) {
  const f = factory(d);
  const channel = await f.channel({ status: "connected" });
  const { campaign, recipients } = await f.runningCampaign({
    channelId: channel.id,
    recipients: order.length,
  });
  const warmIds = recipients.filter((_, i) => order[i] === "w").map((r) => r.id);
  if (warmIds.length)
    await d.db.update(campaignRecipients).set({ warm: true }).where(inArray(campaignRecipients.id, warmIds));
  const transport = new FakeTransport(channel.id);
  transport.status = "connected";
  const bus = new Bus();
  const told: Restricted[] = [];
  bus.on("channel.restricted", (e) => told.push(e));
  const log = pino({ level: "silent" });
  stopListening.push(listenForNotifications(bus, createNotificationService(d.db, bus), log));
  const clock = { now };
  const start = () => {
    const dispatcher = new Dispatcher(
      d.db,
      {
        id: channel.id,
        tenantId: channel.tenantId,
        transport,
        status: () => "connected",
        policy: () => policy,
        createdAt: channel.createdAt,
        timeZone: "Asia/Jakarta",
        kind: "whatsapp_web",
        dedupes: true,
      },
      bus,
      log,
      { idleMs: 20, now: () => clock.now },
    );
    transport.on("receipt", (r) => dispatcher.onReceipt(r));
    running.push(dispatcher);
    dispatcher.start();
    return dispatcher;
  };
  const phones = (kind: "w" | "c") => recipients.filter((_, i) => order[i] === kind).map((r) => r.phone);
  const rows = async () =>
    (
      await d.db
        .select()
        .from(campaignRecipients)
        .where(eq(campaignRecipients.campaignId, campaign.id))
        .orderBy(campaignRecipients.id)
    ).map((r) => ({ phone: r.phone, warm: r.warm, status: r.status, held: r.heldReason }));
  const campaignRow = async () =>
    (await d.db.select().from(campaigns).where(eq(campaigns.id, campaign.id)))[0]!;
  /** The shop's notifications about this channel, oldest first. */
  const notes = async () =>
    (await d.db.select().from(notifications).where(eq(notifications.channelId, channel.id))).sort(
      (a, b) => a.createdAt.getTime() - b.createdAt.getTime(),
    );
  /** The thread with the customer at `phone` on this channel, as the inbox shows it (oldest first). */
  const thread = async (phone: string) => {
    const contactId = recipients.find((r) => r.phone === phone)!.contactId;
    return (
      await d.db
        .select()
        .from(messages)
        .where(and(eq(messages.channelId, channel.id), eq(messages.contactId, contactId)))
        .orderBy(messages.createdAt)
    ).map((m) => ({ direction: m.direction, text: m.text, status: m.status, error: m.error }));
  };
  /**
   * What the shop was told (`channel.restricted`) once `n` tellings came: the governor tells
   * just after committing the marks, so a test that saw the marks waits for the telling too.
   */
  const toldOnce = (n: number) => waitFor(async () => (told.length >= n ? [...told] : undefined));
  return {
    transport,
    told,
    toldOnce,
    clock,
    start,
    phones,
    rows,
    campaignRow,
    notes,
    thread,
    campaignId: campaign.id,
  };
}

const sentTo = (t: FakeTransport, phones: string[]) =>
  t.sends.filter((s) => phones.includes(s.to) && !s.error);

describe("the governor", () => {
  it("holds cold recipients while the number is CAPPED, sends the warm ones, and resumes when the cycle ends", async () => {
    const s = await setup("cwcwcw");
    const cycleEnd = s.clock.now + HOUR;
    s.transport.restricted = { cap: { state: "CAPPED", total: 50, used: 50, cycleEnd }, timelock: null };
    s.start();

    await waitFor(async () => (sentTo(s.transport, s.phones("w")).length === 3 ? true : undefined));
    const held = await waitFor(async () => {
      const rows = await s.rows();
      return rows.filter((r) => !r.warm).every((r) => r.held === "capped") ? rows : undefined;
    });
    expect(held.filter((r) => !r.warm).map((r) => r.status)).toEqual(["pending", "pending", "pending"]);
    expect(sentTo(s.transport, s.phones("c"))).toEqual([]);
    const c = await s.campaignRow();
    expect(c.status).toBe("running");
    expect(c.heldUntil?.getTime()).toBe(cycleEnd);
    expect(await s.toldOnce(1)).toEqual([
      { tenantId: d.tenantId, channelId: expect.any(String), state: "capped", until: cycleEnd },
    ]);

    // The cycle ends: the cold recipients go out, once each, and the campaign completes.
    s.clock.now = cycleEnd + 1;
    await waitFor(async () => ((await s.campaignRow()).status === "completed" ? true : undefined));
    const sends = sentTo(s.transport, s.phones("c")).map((x) => x.to);
    expect(sends.sort()).toEqual(s.phones("c").sort());
    expect((await s.rows()).map((r) => r.held)).toEqual([null, null, null, null, null, null]);
    expect((await s.toldOnce(2)).map((e) => e.state)).toEqual(["capped", "resumed"]);
    // The shop was told twice, once per change (not once per recipient), with the end.
    const notes = await waitFor(async () => {
      const n = await s.notes();
      return n.length === 2 ? n : undefined;
    });
    expect(notes.map((n) => [n.kind, n.severity, n.reason, n.until?.getTime() ?? null])).toEqual([
      ["channel_restricted", "warning", "capped", cycleEnd],
      ["channel_restricted", "info", "resumed", null],
    ]);
  });

  it("holds cold sends at SECOND_WARNING and when used reaches total, sends them at NONE", async () => {
    const s = await setup("cw");
    s.transport.restricted = { cap: { state: "SECOND_WARNING" }, timelock: null };
    s.start();
    await waitFor(async () => ((await s.rows())[0]!.held === "cap_warning" ? true : undefined));
    expect((await s.toldOnce(1)).map((e) => [e.state, e.until])).toEqual([["cap_warning", null]]);
    s.transport.pushRestrictions({ cap: { state: "NONE", total: 10, used: 10 }, timelock: null });
    await waitFor(async () => ((await s.rows())[0]!.held === "capped" ? true : undefined));
    expect(sentTo(s.transport, s.phones("c"))).toEqual([]);
    s.transport.pushRestrictions({ cap: { state: "NONE", total: 10, used: 3 }, timelock: null });
    await waitFor(async () => ((await s.campaignRow()).status === "completed" ? true : undefined));
    expect(sentTo(s.transport, s.phones("c")).length).toBe(1);
    expect((await s.toldOnce(3)).map((e) => e.state)).toEqual(["cap_warning", "capped", "resumed"]);
  });

  it("holds cold sends during an active timelock and resumes when a pushed event lifts it", async () => {
    const s = await setup("ccw");
    const endsAt = s.clock.now + 24 * HOUR;
    s.transport.restricted = {
      cap: { state: "NONE" },
      timelock: { active: true, endsAt, type: "BIZ_QUALITY" },
    };
    s.start();
    await waitFor(async () => (sentTo(s.transport, s.phones("w")).length === 1 ? true : undefined));
    await waitFor(async () =>
      (await s.rows()).filter((r) => r.held === "timelock").length === 2 ? true : undefined,
    );
    expect(sentTo(s.transport, s.phones("c"))).toEqual([]);
    expect((await s.campaignRow()).status).toBe("running");

    s.transport.pushRestrictions({ cap: { state: "NONE" }, timelock: { active: false } });
    await waitFor(async () => ((await s.campaignRow()).status === "completed" ? true : undefined));
    expect(sentTo(s.transport, s.phones("c")).length).toBe(2);
    expect((await s.toldOnce(2)).map((e) => [e.state, e.until])).toEqual([
      ["timelock", endsAt],
      ["resumed", null],
    ]);
  });

  it("on a 463 from send, holds the refused recipient and the other cold ones, sends the warm, retries after the re-read", async () => {
    const s = await setup("cwcw");
    s.transport.failNext(new TransportError("reachout_locked", "error 463 (test)", false));
    s.start();
    await waitFor(async () => (sentTo(s.transport, s.phones("w")).length === 2 ? true : undefined));
    const rows = await waitFor(async () => {
      const r = await s.rows();
      return r.filter((x) => x.held === "reachout_refused").length === 2 ? r : undefined;
    });
    expect(rows.filter((r) => !r.warm).map((r) => r.status)).toEqual(["pending", "pending"]);
    // Refused once, never tried again at once; the other cold one was never tried.
    const [refused, other] = s.phones("c");
    expect(s.transport.sends.filter((x) => x.to === refused).map((x) => x.error)).toEqual([
      "reachout_locked",
    ]);
    expect(s.transport.sends.filter((x) => x.to === other)).toEqual([]);
    expect((await s.campaignRow()).status).toBe("running");
    expect((await s.toldOnce(1)).map((e) => [e.state, e.until])).toEqual([["reachout_refused", null]]);

    // Five minutes later the restrictions are read again: nothing restricted, cold resumes.
    const reads = s.transport.calls.restrictions;
    s.clock.now += 5 * 60_000;
    await waitFor(async () => ((await s.campaignRow()).status === "completed" ? true : undefined));
    expect(s.transport.calls.restrictions).toBeGreaterThan(reads);
    expect(sentTo(s.transport, [refused!, other!]).length).toBe(2);
    expect((await s.toldOnce(2)).map((e) => e.state)).toEqual(["reachout_refused", "resumed"]);
  });

  it("on a failed receipt with error 463, puts the recipient back to pending, held, and sends it after the re-read", async () => {
    const s = await setup("ccw");
    const [first, second] = s.phones("c");
    s.transport.refuseAfterAccepting(first!);
    s.start();
    const rows = await waitFor(async () => {
      const r = await s.rows();
      return r.filter((x) => x.held === "reachout_refused").length === 2 ? r : undefined;
    });
    expect(rows.map((r) => r.status)).toEqual([
      "pending",
      "pending",
      expect.stringMatching(/pending|sending|sent/),
    ]);
    await waitFor(async () => (sentTo(s.transport, s.phones("w")).length === 1 ? true : undefined));
    expect(s.transport.sends.filter((x) => x.to === second)).toEqual([]);
    expect(s.transport.sends.filter((x) => x.to === first).length).toBe(1);
    // The inbox's copy does not say "sent" for a message that never reached the customer.
    const [refused] = await s.thread(first!);
    expect(await s.thread(first!)).toEqual([
      {
        direction: "out",
        text: refused!.text,
        status: "pending",
        error: "WhatsApp refused a new chat from this number (error 463)",
      },
    ]);

    s.clock.now += 5 * 60_000;
    await waitFor(async () => ((await s.campaignRow()).status === "completed" ? true : undefined));
    expect(s.transport.sends.filter((x) => x.to === first).length).toBe(2);
    expect(s.transport.sends.filter((x) => x.to === second).length).toBe(1);
    // Sent again: the same message in the thread says "sent", once.
    expect(await s.thread(first!)).toEqual([
      { direction: "out", text: refused!.text, status: "sent", error: null },
    ]);
    expect(await s.thread(second!)).toEqual([
      { direction: "out", text: expect.any(String), status: "sent", error: null },
    ]);
  });

  it("at FIRST_WARNING sends cold recipients at half rate and warm ones at the policy's own", async () => {
    const policy: PacingPolicy = { ...PACING_PRESETS.off, minDelayMs: 100, maxDelayMs: 100, concurrency: 1 };
    const s = await setup("cwcwcwww", policy);
    s.transport.restricted = { cap: { state: "FIRST_WARNING", total: 100, used: 80 }, timelock: null };
    s.start();
    await waitFor(async () => (sentTo(s.transport, s.phones("c")).length === 3 ? true : undefined));
    const cold = sentTo(s.transport, s.phones("c")).map((x) => x.at);
    const gap = halfRateGapMs(policy);
    for (let i = 1; i < cold.length; i++) expect(cold[i]! - cold[i - 1]!).toBeGreaterThanOrEqual(gap);
    // The five warm ones did not wait for the cold ones: all out before the last cold one.
    const warm = sentTo(s.transport, s.phones("w")).map((x) => x.at);
    expect(warm.length).toBe(5);
    expect(Math.max(...warm)).toBeLessThan(cold[2]!);
    expect((await s.toldOnce(1)).map((e) => e.state)).toEqual(["half_rate"]);
    expect((await s.rows()).every((r) => r.held === null)).toBe(true);
  });

  it("after a restart, a number no longer restricted sends its held recipients, each once, and clears the marks", async () => {
    const s = await setup("cwc");
    s.transport.restricted = { cap: { state: "CAPPED" }, timelock: null };
    const first = s.start();
    await waitFor(async () =>
      (await s.rows()).filter((r) => r.held === "capped").length === 2 ? true : undefined,
    );
    await waitFor(async () => (sentTo(s.transport, s.phones("w")).length === 1 ? true : undefined));
    await first.stop();
    expect(sentTo(s.transport, s.phones("c"))).toEqual([]);

    s.transport.restricted = { cap: { state: "NONE" }, timelock: null };
    s.start();
    await waitFor(async () => ((await s.campaignRow()).status === "completed" ? true : undefined));
    expect(s.transport.sends.map((x) => x.to).sort()).toEqual([...s.phones("c"), ...s.phones("w")].sort());
    expect((await s.rows()).map((r) => r.held)).toEqual([null, null, null]);
    expect((await s.campaignRow()).heldUntil).toBeNull();
  });

  it("counts held recipients by reason in the campaign, and the report file says why each is held", async () => {
    const s = await setup("ccwc");
    const endsAt = s.clock.now + HOUR;
    s.transport.restricted = { cap: null, timelock: { active: true, endsAt } };
    s.start();
    await waitFor(async () =>
      (await s.rows()).filter((r) => r.held === "timelock").length === 3 ? true : undefined,
    );
    await waitFor(async () => (sentTo(s.transport, s.phones("w")).length === 1 ? true : undefined));
    const counts = await waitFor(async () => {
      const c = (await countsFor(d.db, [s.campaignId])).get(s.campaignId)!;
      return c.sent === 1 ? c : undefined;
    });
    expect(counts).toMatchObject({
      total: 4,
      pending: 3,
      sent: 1,
      warm: 1,
      held: { cap_warning: 0, capped: 0, timelock: 3, reachout_refused: 0 },
    });
    const file = await createCampaignReporter(d.db).report(
      { tenantId: d.tenantId, userId: null, role: "owner" },
      s.campaignId,
      "csv",
    );
    let csv = "";
    for await (const chunk of file.stream) csv += chunk.toString();
    const lines = csv.split("\r\n").filter((l) => l.includes("+62"));
    const held = "Ditahan: WhatsApp melarang nomor ini memulai chat baru untuk sementara";
    expect(lines.filter((l) => l.includes(held)).length).toBe(3);
    expect(lines.filter((l) => l.includes("Menunggu")).length).toBe(3);
  });

  it("reads nothing and holds nothing on a transport without restrictions (Cloud API)", async () => {
    const s = await setup("cc");
    (s.transport as { restrictions?: unknown }).restrictions = undefined;
    s.start();
    await waitFor(async () => ((await s.campaignRow()).status === "completed" ? true : undefined));
    expect(s.transport.calls.restrictions).toBe(0);
    expect(s.told).toEqual([]);
  });
});
