/**
 * Auto-replies as a shop sees them, over the sandbox network: customers write to the
 * demo channel and get (or do not get) an answer on their phone. Rule delays are scaled
 * to 0 (`automation.delayScale`), so a reply leaves as soon as its job runs.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { contacts, messages } from "../src/db/schema/index.js";
import type { ContactDto } from "../src/modules/contacts/schemas.js";
import type { LogEntryDto, RuleDto } from "../src/modules/automation/schemas.js";
import { apiClient, errorOf, ok, signIn, untilConnected, type Api } from "./support/api.js";
import { factory } from "./support/factory.js";
import { firstChannel } from "./support/channels.js";
import { phoneWrites, sandboxCustomer } from "./support/customers.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { waitFor } from "./support/wait.js";

let k: TestKabar;
let api: Api;
let agent: Api;
let channelId: string;
let customers = 0;

beforeAll(async () => {
  k = await startTestKabar({}, { automation: { delayScale: 0 } });
  api = apiClient(k.http!, { cookie: k.cookie });
  channelId = (await firstChannel(api)).id;
  await untilConnected(api, channelId);
  await factory(k).user("agent", { email: "agen@toko-contoh.test", password: "agen-rahasia-123" });
  agent = apiClient(k.http!, {
    cookie: (await signIn(k.http!, "agen@toko-contoh.test", "agen-rahasia-123")).cookie,
  });
});
afterAll(async () => k?.close());

// Every test starts from no rules.
beforeEach(async () => {
  for (const r of await ok(api<RuleDto[]>("GET", "/automation/rules")))
    await ok(api("DELETE", `/automation/rules/${r.id}`), 204);
});

/** A new virtual customer who never answers by themselves. */
const newCustomer = (name: string): Promise<string> =>
  sandboxCustomer(k, { phone: `+628571999${String(++customers).padStart(4, "0")}`, name });

async function rule(input: Record<string, unknown>): Promise<RuleDto> {
  return ok(
    api<RuleDto>("POST", "/automation/rules", { reply: "Balasan", cooldownSeconds: 0, ...input }),
    201,
  );
}

/** A fallback that answers "…" so a test can see that no other rule answered. */
const fallback = () =>
  rule({ name: "Cadangan", type: "fallback", reply: "Pesan diterima, admin segera membalas", priority: 0 });

/** The customer writes from their phone through the sandbox network; resolves with the stored message id. */
const writes = (phone: string, text: string): Promise<string> => phoneWrites(k, api, channelId, phone, text);

let injected = 0;
/** A message from the customer that arrived at `at` (the inbox handles it like any other). */
async function wroteAt(phone: string, text: string, at: Date | number): Promise<string> {
  const externalId = `inject-${++injected}`;
  await k.services.inbox.receive(
    { id: channelId, tenantId: k.owner.tenantId },
    { messageId: externalId, from: phone, text, at: new Date(at).getTime() },
  );
  return (
    await k.database.db
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.channelId, channelId), eq(messages.externalId, externalId)))
  )[0]!.id;
}

function logOf(ruleId: string): Promise<LogEntryDto[]> {
  return ok(api<LogEntryDto[]>("GET", `/automation/rules/${ruleId}/log`));
}

/** Waits until some rule's log has settled `messageId` (sent, skipped or failed); returns that entry. */
async function decided(messageId: string, ruleIds: string[]): Promise<LogEntryDto> {
  return waitFor(async () => {
    for (const id of ruleIds) {
      const e = (await logOf(id)).find((x) => x.messageId === messageId && x.outcome !== "scheduled");
      if (e) return e;
    }
    return undefined;
  });
}

/** Texts the customer's phone received from the shop, oldest first. */
async function phoneInbox(phone: string): Promise<string[]> {
  const all = await ok(
    api<Array<{ direction: string; text?: string }>>(
      "GET",
      `/sandbox/phones/${encodeURIComponent(phone)}/messages`,
    ),
  );
  return all.filter((m) => m.direction === "in").map((m) => m.text ?? "");
}

/**
 * What the phone received once every auto-reply the log shows as sent to it has arrived
 * (the sandbox stores deliveries in batches): texts oldest first.
 */
async function received(phone: string): Promise<string[]> {
  const sent = await k.database.db
    .select({ id: messages.id })
    .from(messages)
    .innerJoin(contacts, eq(contacts.id, messages.contactId))
    .where(and(eq(contacts.phone, phone), eq(messages.direction, "out")));
  return waitFor(async () => {
    const texts = await phoneInbox(phone);
    return texts.length >= sent.length ? texts : undefined;
  });
}

describe("keyword rules", () => {
  it("answer on the phone with the contact variables, and count their triggers", async () => {
    const harga = await rule({
      name: "Harga",
      type: "keyword",
      config: { keywords: ["harga", "price list"], mode: "contains" },
      reply: "Halo {{name|kak}}, daftar harga: {{kota|kota Anda}} ongkir gratis",
    });
    const cadangan = await fallback();
    const phone = await newCustomer("Rina Maharani");
    const m = await writes(phone, "Kak, HARGA baju merah berapa?");
    const entry = await decided(m, [harga.id, cadangan.id]);
    expect(entry).toMatchObject({
      ruleId: harga.id,
      outcome: "sent",
      replyText: "Halo Rina Maharani, daftar harga: kota Anda ongkir gratis",
    });
    expect(await received(phone)).toEqual(["Halo Rina Maharani, daftar harga: kota Anda ongkir gratis"]);
    // The reply is in the conversation like any outgoing message.
    const [reply] = await k.database.db.select().from(messages).where(eq(messages.id, entry.replyMessageId!));
    expect(reply).toMatchObject({
      direction: "out",
      text: "Halo Rina Maharani, daftar harga: kota Anda ongkir gratis",
      contactId: entry.contactId,
    });
    const after = await ok(api<RuleDto>("GET", `/automation/rules/${harga.id}`));
    expect(after.triggerCount).toBe(1);
    expect(after.lastTriggeredAt).not.toBeNull();
    expect((await ok(api<RuleDto>("GET", `/automation/rules/${cadangan.id}`))).triggerCount).toBe(0);
  });

  it("exact, starts-with and case-sensitive modes decide which rule answers", async () => {
    const exact = await rule({
      name: "Persis",
      type: "keyword",
      config: { keywords: ["INFO"], mode: "exact", caseSensitive: true },
      reply: "info persis",
      priority: 60,
    });
    const starts = await rule({
      name: "Awal",
      type: "keyword",
      config: { keywords: ["order"], mode: "starts_with" },
      reply: "cara order",
      priority: 60,
    });
    const cadangan = await fallback();
    const cases: Array<[string, string, string]> = [
      [" INFO ", exact.id, "info persis"],
      ["info", cadangan.id, "Pesan diterima, admin segera membalas"],
      ["Order 2 pcs", starts.id, "cara order"],
      ["mau order", cadangan.id, "Pesan diterima, admin segera membalas"],
    ];
    // One customer each: a customer answering our auto-replies this fast would look like a bot.
    for (const [text, ruleId, reply] of cases) {
      const phone = await newCustomer(`Pelanggan ${text}`);
      const entry = await decided(await writes(phone, text), [exact.id, starts.id, cadangan.id]);
      expect({ text, ruleId: entry.ruleId, outcome: entry.outcome }).toEqual({
        text,
        ruleId,
        outcome: "sent",
      });
      expect(await received(phone)).toEqual([reply]);
    }
  });
});

describe("priority", () => {
  it("a higher priority wins; on a tie keyword beats welcome, and the older rule beats the newer", async () => {
    const welcome = await rule({ name: "Sambutan", type: "welcome", reply: "Selamat datang", priority: 50 });
    const older = await rule({
      name: "Promo lama",
      type: "keyword",
      config: { keywords: ["promo"] },
      reply: "promo lama",
      priority: 50,
    });
    const newer = await rule({
      name: "Promo baru",
      type: "keyword",
      config: { keywords: ["promo"] },
      reply: "promo baru",
      priority: 50,
    });
    const ids = [welcome.id, older.id, newer.id];
    const first = await newCustomer("Sari");
    expect((await decided(await writes(first, "ada promo?"), ids)).ruleId).toBe(older.id);
    await ok(api("PATCH", `/automation/rules/${welcome.id}`, { priority: 51 }));
    const second = await newCustomer("Tono");
    expect((await decided(await writes(second, "ada promo?"), ids)).ruleId).toBe(welcome.id);
    // One reply per message, however many rules match.
    expect(await received(first)).toEqual(["promo lama"]);
    expect(await received(second)).toEqual(["Selamat datang"]);
  });
});

describe("welcome", () => {
  it("answers a contact's first message ever, and again after N days of silence", async () => {
    const once = await rule({
      name: "Sekali",
      type: "welcome",
      reply: "Selamat datang pertama",
      priority: 60,
      channelId,
    });
    const cadangan = await fallback();
    const ids = [once.id, cadangan.id];
    const phone = await newCustomer("Budi");
    expect((await decided(await writes(phone, "halo"), ids)).ruleId).toBe(once.id);
    expect((await decided(await writes(phone, "halo lagi"), ids)).ruleId).toBe(cadangan.id);

    await ok(api("DELETE", `/automation/rules/${once.id}`), 204);
    const again = await rule({
      name: "Kembali",
      type: "welcome",
      config: { afterDays: 7 },
      reply: "Lama tak jumpa",
      priority: 60,
    });
    const ids2 = [again.id, cadangan.id];
    const returning = await newCustomer("Wati");
    const now = Date.now();
    // First message ever, 10 days ago: the welcome matches (logged, too old to answer now).
    expect((await decided(await wroteAt(returning, "pesan lama", now - 10 * 86_400_000), ids2)).ruleId).toBe(
      again.id,
    );
    // 6 days later: not yet N days of silence.
    expect((await decided(await wroteAt(returning, "pesan kedua", now - 4 * 86_400_000), ids2)).ruleId).toBe(
      cadangan.id,
    );
    // 4 days after that: only 4 days of silence, still the fallback.
    expect((await decided(await writes(returning, "halo"), ids2)).ruleId).toBe(cadangan.id);
    const silent = await newCustomer("Yanti");
    await decided(await wroteAt(silent, "dulu", now - 8 * 86_400_000), ids2);
    expect((await decided(await writes(silent, "halo lagi kak"), ids2)).ruleId).toBe(again.id);
  });
});

describe("outside working hours", () => {
  // A night shop: open 22:00–06:00 WIB every day; 2026-12-25 is a holiday.
  const night = [{ start: "22:00", end: "06:00" }];
  const config = {
    schedule: { sun: night, mon: night, tue: night, wed: night, thu: night, fri: night, sat: night },
    holidays: ["2026-12-25"],
  };
  const wib = (local: string) => new Date(`${local}+07:00`);

  it("answers when the shop is closed in WIB, across midnight, and all day on a holiday", async () => {
    const tutup = await rule({
      name: "Tutup",
      type: "outside_hours",
      config,
      reply: "Toko buka jam 22.00–06.00 WIB",
    });
    const cadangan = await fallback();
    const ids = [tutup.id, cadangan.id];
    const phone = await newCustomer("Joko");
    const cases: Array<[string, string]> = [
      ["2026-12-01T23:30:00", cadangan.id], // open, before midnight
      ["2026-12-02T02:00:00", cadangan.id], // open, after midnight
      ["2026-12-02T06:00:00", tutup.id], // closes at 06:00
      ["2026-12-02T12:00:00", tutup.id],
      ["2026-12-02T21:59:00", tutup.id],
      ["2026-12-25T23:30:00", tutup.id], // holiday
      ["2026-12-26T02:00:00", tutup.id], // the holiday's night shift does not run
      ["2026-12-26T23:00:00", cadangan.id],
    ];
    for (const [local, ruleId] of cases) {
      expect({
        local,
        ruleId: (await decided(await wroteAt(phone, "masih buka?", wib(local)), ids)).ruleId,
      }).toEqual({ local, ruleId });
    }
    // The same instants through the test endpoint agree.
    expect(
      (
        await ok(
          api<{ rule: { id: string } | null }>("POST", "/automation/test", {
            text: "buka?",
            at: "2026-12-02T05:00:00+07:00",
          }),
        )
      ).rule?.id,
    ).toBe(cadangan.id);
    expect(
      (
        await ok(
          api<{ rule: { id: string } | null }>("POST", "/automation/test", {
            text: "buka?",
            at: "2026-12-01T23:00:00Z",
          }),
        )
      ).rule?.id,
    ).toBe(tutup.id); // 06:00 WIB
  });
});

describe("late messages", () => {
  it("a message that reaches the shop long after it was written (a reconnect) is not answered", async () => {
    const cadangan = await fallback();
    const phone = await newCustomer("Gilang");
    expect(
      await decided(await wroteAt(phone, "pesan kemarin", Date.now() - 3_600_000), [cadangan.id]),
    ).toMatchObject({ outcome: "stale", replyMessageId: null });
    expect(await decided(await writes(phone, "pesan sekarang"), [cadangan.id])).toMatchObject({
      outcome: "sent",
    });
    expect(await received(phone)).toEqual(["Pesan diterima, admin segera membalas"]);
  });
});

describe("cooldown", () => {
  it("a rule does not answer the same contact twice within its window; the skip is logged, another contact is answered", async () => {
    const harga = await rule({
      name: "Harga",
      type: "keyword",
      config: { keywords: ["harga"] },
      reply: "Harga mulai 50rb",
      cooldownSeconds: 3600,
    });
    const cadangan = await fallback();
    const ids = [harga.id, cadangan.id];
    const phone = await newCustomer("Lina");
    expect((await decided(await writes(phone, "harga?"), ids)).outcome).toBe("sent");
    const second = await decided(await writes(phone, "harganya berapa?"), ids);
    expect(second).toMatchObject({ ruleId: harga.id, outcome: "cooldown", replyMessageId: null });
    expect(await received(phone)).toEqual(["Harga mulai 50rb"]);
    // An hour later the window is over.
    expect((await decided(await wroteAt(phone, "harga lagi", Date.now() + 3_601_000), ids)).outcome).toBe(
      "sent",
    );
    const other = await newCustomer("Maya");
    expect((await decided(await writes(other, "harga?"), ids)).outcome).toBe("sent");
    expect((await ok(api<RuleDto>("GET", `/automation/rules/${harga.id}`))).triggerCount).toBe(3);
    expect((await logOf(harga.id)).map((e) => e.outcome).sort()).toEqual([
      "cooldown",
      "sent",
      "sent",
      "sent",
    ]);
  });
});

describe("opt-out", () => {
  it("an opted-out contact gets nothing; the message that opts out is confirmed once when a confirmation is set", async () => {
    const cadangan = await fallback();
    const phone = await newCustomer("Nina");
    const m1 = await writes(phone, "halo");
    await decided(m1, [cadangan.id]);
    const contactId = (
      await k.database.db.select({ c: messages.contactId }).from(messages).where(eq(messages.id, m1))
    )[0]!.c;
    await ok(api<ContactDto>("PATCH", `/contacts/${contactId}`, { optedOut: true }));
    expect(await decided(await writes(phone, "halo lagi"), [cadangan.id])).toMatchObject({
      outcome: "opted_out",
      replyMessageId: null,
    });
    expect(await received(phone)).toEqual(["Pesan diterima, admin segera membalas"]);

    const konfirmasi = await rule({
      name: "Konfirmasi berhenti",
      type: "opt_out",
      reply: "Baik {{name|kak}}, Anda tidak akan menerima pesan lagi.",
    });
    const ids = [cadangan.id, konfirmasi.id];
    const other = await newCustomer("Oki");
    expect(await decided(await writes(other, "Stop"), ids)).toMatchObject({
      ruleId: konfirmasi.id,
      outcome: "sent",
    });
    expect(await decided(await writes(other, "kenapa?"), ids)).toMatchObject({
      ruleId: cadangan.id,
      outcome: "opted_out",
    });
    // Saying STOP again while opted out is not confirmed again, and nothing else answers.
    expect(await decided(await writes(other, "STOP"), ids)).toMatchObject({
      ruleId: cadangan.id,
      outcome: "opted_out",
    });
    expect(await received(other)).toEqual(["Baik Oki, Anda tidak akan menerima pesan lagi."]);
  });
});

describe("bots on the other side", () => {
  it("stop getting auto-replies after answering two auto-replies in a row within 2 s; a person does not", async () => {
    const cadangan = await fallback();
    const ids = [cadangan.id];
    const bot = await newCustomer("Bot Toko Lain");
    let last = await decided(await writes(bot, "Halo, ini pesan otomatis"), ids);
    for (let i = 0; i < 2; i++) {
      expect(last.outcome).toBe("sent");
      last = await decided(
        await wroteAt(bot, "Terima kasih, pesan Anda sudah kami terima", Date.parse(last.sentAt!) + 500),
        ids,
      );
    }
    expect(last.outcome).toBe("suspected_bot");
    // Paused for the pause window even when it slows down.
    const paused = await decided(await wroteAt(bot, "halo?", Date.parse(last.at) + 60_000), ids);
    expect(paused.outcome).toBe("suspected_bot");
    expect(await received(bot)).toHaveLength(2);
    // Once the pause (at least an hour) is over, it gets an answer again.
    expect(
      (await decided(await wroteAt(bot, "halo lagi", Date.parse(paused.at) + 3_601_000), ids)).outcome,
    ).toBe("sent");

    const person = await newCustomer("Orang Sungguhan");
    let answer = await decided(await writes(person, "halo"), ids);
    for (let i = 0; i < 3; i++) {
      expect(answer.outcome).toBe("sent");
      answer = await decided(await wroteAt(person, "oke kak", Date.parse(answer.sentAt!) + 8_000), ids);
    }
    expect(answer.outcome).toBe("sent");
  });
});

describe("the test endpoint", () => {
  it("shows which rule would answer and what it would say, without sending, logging or using the cooldown", async () => {
    const harga = await rule({
      name: "Harga",
      type: "keyword",
      config: { keywords: ["harga"] },
      reply: "Halo {{name|kak}}, harga mulai 50rb",
      cooldownSeconds: 3600,
    });
    const phone = await newCustomer("Putri");
    const first = await writes(phone, "apa kabar");
    const contactId = (
      await k.database.db.select({ c: messages.contactId }).from(messages).where(eq(messages.id, first))
    )[0]!.c;

    const asAgent = await ok(
      agent<{ rule: { id: string; type: string } | null; reply: string | null }>("POST", "/automation/test", {
        text: "berapa HARGA?",
        contactId,
        channelId,
      }),
    );
    expect(asAgent).toEqual({
      rule: { id: harga.id, name: "Harga", type: "keyword", priority: 50 },
      reply: "Halo Putri, harga mulai 50rb",
    });
    // Without a contact, the reply is written for the sample customer the template preview
    // uses, never "Halo , …" with the variables left empty.
    expect(await ok(api("POST", "/automation/test", { text: "berapa HARGA?" }))).toMatchObject({
      reply: "Halo Budi Santoso, harga mulai 50rb",
    });
    expect(await ok(api("POST", "/automation/test", { text: "apa kabar" }))).toEqual({
      rule: null,
      reply: null,
    });
    expect(await received(phone)).toEqual([]);
    expect(await logOf(harga.id)).toEqual([]);
    expect((await ok(api<RuleDto>("GET", `/automation/rules/${harga.id}`))).triggerCount).toBe(0);
    // The cooldown was not used: the real message is answered.
    expect((await decided(await writes(phone, "harga?"), [harga.id])).outcome).toBe("sent");
  });
});

describe("rules API", () => {
  it("agents read rules and logs but cannot write them", async () => {
    const r = await rule({ name: "Harga", type: "keyword", config: { keywords: ["harga"] } });
    expect((await ok(agent<RuleDto[]>("GET", "/automation/rules"))).map((x) => x.id)).toEqual([r.id]);
    await ok(agent("GET", `/automation/rules/${r.id}/log`));
    for (const [method, path, body] of [
      ["POST", "/automation/rules", { name: "x", type: "fallback", reply: "x" }],
      ["PATCH", `/automation/rules/${r.id}`, { enabled: false }],
      ["DELETE", `/automation/rules/${r.id}`, undefined],
    ] as const) {
      const res = await agent(method, path, body);
      expect({ path, method, status: res.status, code: errorOf(res).code }).toEqual({
        path,
        method,
        status: 403,
        code: "forbidden",
      });
    }
    expect((await ok(api<RuleDto>("GET", `/automation/rules/${r.id}`))).enabled).toBe(true);
  });

  it("validates each type's config, the reply and the delay range, naming the field", async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ name: "x", type: "keyword", reply: "x", config: {} }, "config.keywords"],
      [{ name: "x", type: "keyword", reply: "x", config: { keywords: ["a"], mode: "regex" } }, "config.mode"],
      [{ name: "x", type: "welcome", reply: "x", config: { afterDays: 0 } }, "config.afterDays"],
      [
        {
          name: "x",
          type: "outside_hours",
          reply: "x",
          config: { schedule: { mon: [{ start: "25:00", end: "06:00" }] } },
        },
        "config.schedule.mon.0.start",
      ],
      [
        { name: "x", type: "outside_hours", reply: "x", config: { schedule: {}, holidays: ["2026-02-30"] } },
        "config.holidays.0",
      ],
      [{ name: "x", type: "fallback", reply: "x", config: { kata: 1 } }, "config"],
      [{ name: "x", type: "fallback", reply: "Halo {{name" }, "reply"],
      [
        { name: "x", type: "fallback", reply: "x", delayMinSeconds: 10, delayMaxSeconds: 5 },
        "delayMaxSeconds",
      ],
      [{ name: "x", type: "fallback", reply: "x", delayMinSeconds: 0 }, "delayMinSeconds"],
      [{ name: "x", type: "fallback", reply: "x", priority: 101 }, "priority"],
      [{ name: "x", type: "sapaan", reply: "x" }, "type"],
    ];
    for (const [body, field] of cases) {
      const r = await api("POST", "/automation/rules", body);
      expect({ body, status: r.status, fields: Object.keys(errorOf(r)?.fields ?? {}) }).toEqual({
        body,
        status: 400,
        fields: expect.arrayContaining([field]),
      });
    }
    const unknownChannel = await api("POST", "/automation/rules", {
      name: "x",
      type: "fallback",
      reply: "x",
      channelId: "00000000-0000-4000-8000-000000000001",
    });
    expect(errorOf(unknownChannel)).toMatchObject({
      code: "unknown_channel",
      fields: { channelId: expect.any(String) },
    });
    const r = await rule({ name: "Harga", type: "keyword", config: { keywords: ["harga"] } });
    const bad = await api("PATCH", `/automation/rules/${r.id}`, { config: { keywords: [] } });
    expect(Object.keys(errorOf(bad).fields ?? {})).toEqual(["config.keywords"]);
    expect((await ok(api<RuleDto[]>("GET", "/automation/rules"))).map((x) => x.config)).toEqual([
      { keywords: ["harga"], mode: "contains", caseSensitive: false },
    ]);
  });

  it("a disabled rule does not answer", async () => {
    const harga = await rule({
      name: "Harga",
      type: "keyword",
      config: { keywords: ["harga"] },
      reply: "harga",
    });
    const cadangan = await fallback();
    await ok(api("PATCH", `/automation/rules/${harga.id}`, { enabled: false }));
    const phone = await newCustomer("Rudi");
    expect((await decided(await writes(phone, "harga"), [harga.id, cadangan.id])).ruleId).toBe(cadangan.id);
  });
});
