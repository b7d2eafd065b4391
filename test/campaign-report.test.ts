import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { PACING_PRESETS } from "../src/channels/pacing.js";
import { estimateSendSeconds } from "../src/modules/campaigns/estimate.js";
import type { CampaignDto, EstimateResult } from "../src/modules/campaigns/schemas.js";
import type { ChannelDto } from "../src/modules/channels/schemas.js";
import type { ContactDto } from "../src/modules/contacts/schemas.js";
import { DEMO_CUSTOMERS, DEMO_LABEL } from "../src/modules/tenants/seed.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { waitFor } from "./support/wait.js";
import {
  addTenant,
  apiClient,
  errorOf,
  ok,
  untilConnected,
  uploadContacts,
  type Api,
} from "./support/api.js";

/**
 * The composer's estimate (POST /campaigns/estimate) and the per-recipient report export
 * (GET /campaigns/:id/report?format=csv|xlsx), against a real database and the sandbox.
 */

let k: TestKabar;
let api: Api;
let channelId: string;
let campaign: CampaignDto;
/** The name of the number that sent the report's campaign (its "Dikirim dari" column). */
let senderName: string;

interface Recipient {
  phone: string;
  name: string | null;
  status: string;
  failureCode: string | null;
  failureReason: string | null;
  sentAt: string | null;
  deliveredAt: string | null;
  readAt: string | null;
  repliedAt: string | null;
}

/** The web app's words (web/src/i18n/<lang>/core.json): the report must say what the screen says. */
const ui = (lang: "id" | "en") =>
  JSON.parse(readFileSync(new URL(`../web/src/i18n/${lang}/core.json`, import.meta.url), "utf8")) as {
    recipientStatus: Record<string, string>;
    failure: Record<string, string>;
  };

/** An ISO instant as wall-clock time in WIB (UTC+7): a Date whose UTC fields are that time, to the second. */
const wibWall = (iso: string) => new Date(Math.floor(Date.parse(iso) / 1000) * 1000 + 7 * 3_600_000);

/** An ISO instant as the CSV report writes it: "06/12/2026 14:05" in WIB, or "". */
const wib = (iso: string | null) => {
  if (!iso) return "";
  const t = wibWall(iso).toISOString();
  return `${t.slice(8, 10)}/${t.slice(5, 7)}/${t.slice(0, 4)} ${t.slice(11, 16)}`;
};

/** A recipient's reason as the screen shows it: the catalogue's words for a known code, else the stored text. */
const reasonOf = (x: Recipient, lang: "id" | "en") =>
  (x.failureCode && ui(lang).failure[x.failureCode]) || x.failureReason || "";

beforeAll(async () => {
  k = await startTestKabar();
  api = apiClient(k.http!, { cookie: k.cookie });
  channelId = (await ok(api<ChannelDto[]>("GET", "/channels")))[0]!.id;
  await untilConnected(api, channelId);
  senderName = (await ok(api<ChannelDto>("GET", `/channels/${channelId}`))).name;
});
afterAll(async () => k?.close());

describe("POST /campaigns/estimate", () => {
  it("counts the audience and its opted-out contacts, and times the rest by the channel's pacing", async () => {
    const channel = await ok(api<ChannelDto>("GET", `/channels/${channelId}`));
    expect(channel.pacingPreset).toBe("demo");
    const demo = await ok(api<{ items: ContactDto[] }>("GET", `/contacts?label=${DEMO_LABEL}&pageSize=3`));
    for (const c of demo.items.slice(0, 2)) await ok(api("PATCH", `/contacts/${c.id}`, { optedOut: true }));

    const e = await ok(
      api<EstimateResult>("POST", "/campaigns/estimate", {
        channelId,
        audience: { type: "labels", labels: [DEMO_LABEL] },
      }),
    );
    expect(e).toMatchObject({ recipients: DEMO_CUSTOMERS, optedOut: 2, pacingPreset: "demo" });
    // 48 to send, one mean gap (1 s on the demo preset) between each.
    expect(e.estimatedSeconds).toBe(47);

    // A label nobody has, and all-of two labels.
    expect(
      await ok(
        api<EstimateResult>("POST", "/campaigns/estimate", {
          channelId,
          audience: { type: "labels", labels: ["tidak-ada"] },
        }),
      ),
    ).toMatchObject({ recipients: 0, estimatedSeconds: 0 });
    await ok(api("POST", "/contacts", { phone: "081377700001", labels: [DEMO_LABEL, "vip"] }), 201);
    expect(
      (
        await ok(
          api<EstimateResult>("POST", "/campaigns/estimate", {
            channelId,
            audience: { type: "labels", labels: [DEMO_LABEL, "vip"], match: "all" },
          }),
        )
      ).recipients,
    ).toBe(1);
    expect(
      (
        await ok(
          api<EstimateResult>("POST", "/campaigns/estimate", {
            channelId,
            audience: { type: "labels", labels: [DEMO_LABEL, "vip"], match: "any" },
          }),
        )
      ).recipients,
    ).toBe(DEMO_CUSTOMERS + 1);

    // An import: the contacts it created or merged (a row twice counts once).
    const imp = await ok(
      uploadContacts(
        api,
        "x.csv",
        "nama,telepon\nSatu,081377700002\nDua,081377700003\nSatu lagi,081377700002\n",
      ),
      201,
    );
    expect(
      (
        await ok(
          api<EstimateResult>("POST", "/campaigns/estimate", {
            channelId,
            audience: { type: "import", importId: imp.id },
          }),
        )
      ).recipients,
    ).toBe(2);
  });

  it("follows the channel's policy and a planned start read in the shop's time zone", async () => {
    await ok(api("PATCH", `/channels/${channelId}`, { pacingPreset: "balanced" }));
    const at = "2099-01-01T20:59";
    const e = await ok(
      api<EstimateResult>("POST", "/campaigns/estimate", { channelId, at, audience: { type: "all" } }),
    );
    expect(e.startAt).toBe("2099-01-01T13:59:00.000Z");
    expect(e.pacingPreset).toBe("balanced");
    const channel = await ok(api<ChannelDto>("GET", `/channels/${channelId}`));
    const toSend = e.recipients - e.optedOut;
    // Quiet hours from 21:00 WIB: most of it waits for the morning.
    expect(e.estimatedSeconds).toBe(
      estimateSendSeconds(PACING_PRESETS.balanced, toSend, {
        startAt: Date.parse(e.startAt),
        channelCreatedAt: Date.parse(channel.createdAt),
        timeZone: "Asia/Jakarta",
      }),
    );
    expect(e.estimatedSeconds).toBeGreaterThan(11 * 3600);
    await ok(api("PATCH", `/channels/${channelId}`, { pacingPreset: "demo" }));
  });

  it("answers 400 naming the field for a bad body, an unknown channel or import, or a bad time", async () => {
    const cases: Array<[unknown, string, string]> = [
      [{ audience: { type: "all" } }, "validation_failed", "channelId"],
      [{ channelId, audience: { type: "labels", labels: [] } }, "validation_failed", "audience"],
      [{ channelId }, "validation_failed", "audience"],
      [
        { channelId: "00000000-0000-4000-8000-000000000001", audience: { type: "all" } },
        "unknown_channel",
        "channelId",
      ],
      [
        { channelId, audience: { type: "import", importId: "00000000-0000-4000-8000-000000000001" } },
        "unknown_import",
        "audience.importId",
      ],
      [{ channelId, audience: { type: "all" }, at: "2099-02-31T09:00" }, "invalid_time", "at"],
    ];
    for (const [body, code, field] of cases) {
      const r = await api("POST", "/campaigns/estimate", body);
      expect({ body, status: r.status, code: errorOf(r).code }).toEqual({ body, status: 400, code });
      expect(
        Object.keys(errorOf(r).fields ?? {}).some((f) => f === field || f.startsWith(`${field}.`)),
        r.text,
      ).toBe(true);
    }
  });
});

describe("GET /campaigns/:id/report", () => {
  beforeAll(async () => {
    await ok(api("PATCH", `/channels/${channelId}`, { pacingPreset: "off" }));
    const c = await ok(
      api<CampaignDto>("POST", "/campaigns", {
        name: "Promo Akhir Tahun",
        channelId,
        body: "Halo {{name|kak}}",
        audience: { type: "labels", labels: [DEMO_LABEL] },
      }),
      201,
    );
    await ok(api("POST", `/campaigns/${c.id}/start`));
    campaign = await waitFor(async () => {
      const x = await ok(api<CampaignDto>("GET", `/campaigns/${c.id}`));
      return x.status === "completed" ? x : undefined;
    }, 30_000);
  });

  async function recipients(): Promise<Recipient[]> {
    return ok(api<Recipient[]>("GET", `/campaigns/${campaign.id}/recipients?pageSize=500`));
  }

  it("the recipient list finds a customer by part of the name or number, among every recipient", async () => {
    const all = await recipients();
    const one = all.find((r) => r.name)!;
    const byPhone = await ok(
      api<Recipient[]>(
        "GET",
        `/campaigns/${campaign.id}/recipients?search=${encodeURIComponent(`0${one.phone.slice(3)}`)}`,
      ),
    );
    expect(byPhone.map((r) => r.phone)).toEqual([one.phone]);
    const byName = await ok(
      api<Recipient[]>(
        "GET",
        `/campaigns/${campaign.id}/recipients?search=${encodeURIComponent(one.name!.toUpperCase())}`,
      ),
    );
    expect(byName.map((r) => r.phone)).toContain(one.phone);
    expect(byName.every((r) => r.name!.toLowerCase().includes(one.name!.toLowerCase()))).toBe(true);
    expect(
      await ok(
        api<Recipient[]>(
          "GET",
          `/campaigns/${campaign.id}/recipients?search=${encodeURIComponent("%_tidak-ada")}`,
        ),
      ),
    ).toEqual([]);
  });

  it("CSV: one line per recipient in the shop's language: status words of the screen, reason, times in WIB", async () => {
    const before = await recipients();
    const r = await api("GET", `/campaigns/${campaign.id}/report?format=csv`);
    const after = await recipients();
    expect(r.status).toBe(200);
    expect(String(r.headers["content-type"])).toContain("text/csv");
    expect(String(r.headers["content-disposition"])).toBe(
      'attachment; filename="campaign-promo-akhir-tahun.csv"',
    );
    expect(r.text.startsWith("\ufeff")).toBe(true);
    const rows = parse(r.text, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0]!)).toEqual([
      "Nomor",
      "Nama",
      "Dikirim dari",
      "Status",
      "Alasan",
      "Terkirim (WIB)",
      "Diterima (WIB)",
      "Dibaca (WIB)",
      "Membalas (WIB)",
    ]);
    expect(rows).toHaveLength(campaign.counts.total);
    const words = ui("id").recipientStatus;
    const asLine = (x: Recipient) => ({
      Nomor: x.phone,
      Nama: x.name ?? "",
      "Dikirim dari": senderName,
      Status: words[x.status],
      Alasan: reasonOf(x, "id"),
      "Terkirim (WIB)": wib(x.sentAt),
      "Diterima (WIB)": wib(x.deliveredAt),
      "Dibaca (WIB)": wib(x.readAt),
      "Membalas (WIB)": wib(x.repliedAt),
    });
    // Customers may still read and reply while the file is made: each line is as before or after.
    for (const [i, x] of before.entries()) {
      const line = rows.find((row) => row.Nomor === x.phone);
      expect([asLine(x), asLine(after[i]!)]).toContainEqual(line);
    }
    // Opted-out and not-on-WhatsApp customers are in the report with their reason, in words.
    expect(rows.filter((row) => row.Alasan === "Pelanggan berhenti berlangganan")).toHaveLength(2);
    expect(
      rows.some((row) => row.Status === "Dilewati" && row.Alasan === "Nomor ini tidak terdaftar di WhatsApp"),
    ).toBe(true);
    expect(rows.some((row) => ["Terkirim", "Diterima", "Dibaca"].includes(row.Status!))).toBe(true);
    expect(rows.every((row) => !/^(sent|delivered|read|skipped|failed)$/.test(row.Status!))).toBe(true);
    expect(rows.some((row) => /^\d\d\/\d\d\/\d{4} \d\d:\d\d$/.test(row["Terkirim (WIB)"]!))).toBe(true);
  });

  it("CSV and XLSX: in English when the shop's language is English", async () => {
    await ok(api("PATCH", "/tenant", { locale: "en" }));
    try {
      const rows = parse((await api("GET", `/campaigns/${campaign.id}/report?format=csv`)).text, {
        bom: true,
        columns: true,
      }) as Array<Record<string, string>>;
      expect(Object.keys(rows[0]!)).toEqual([
        "Number",
        "Name",
        "Sent from",
        "Status",
        "Reason",
        "Sent (WIB)",
        "Delivered (WIB)",
        "Read (WIB)",
        "Replied (WIB)",
      ]);
      const words = Object.values(ui("en").recipientStatus);
      expect(rows.every((row) => words.includes(row.Status!))).toBe(true);
      expect(rows.filter((row) => row.Reason === "The customer opted out")).toHaveLength(2);
      const x = await k.http!.inject({
        method: "GET",
        url: `/api/v1/campaigns/${campaign.id}/report?format=xlsx`,
        headers: { cookie: k.cookie },
      });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
      expect((wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toEqual(Object.keys(rows[0]!));
    } finally {
      await ok(api("PATCH", "/tenant", { locale: "id" }));
    }
  });

  it("CSV: a name a spreadsheet would run as a formula is written as text", async () => {
    const contact = await ok(
      api<ContactDto>("POST", "/contacts", {
        phone: "081377700009",
        name: '=HYPERLINK("x")',
        labels: ["rumus"],
      }),
      201,
    );
    const c = await ok(
      api<CampaignDto>("POST", "/campaigns", {
        name: "Rumus",
        channelId,
        body: "Halo",
        audience: { type: "labels", labels: ["rumus"] },
      }),
      201,
    );
    await ok(api("POST", `/campaigns/${c.id}/start`));
    const rows = parse((await api("GET", `/campaigns/${c.id}/report`)).text, {
      bom: true,
      columns: true,
    }) as Array<Record<string, string>>;
    expect(rows.map((row) => [row.Nomor, row.Nama])).toEqual([[contact.phone, `'=HYPERLINK("x")`]]);
  });

  it("XLSX: the same rows in a worksheet, times as real date cells in WIB", async () => {
    const r = await k.http!.inject({
      method: "GET",
      url: `/api/v1/campaigns/${campaign.id}/report?format=xlsx`,
      headers: { cookie: k.cookie },
    });
    const after = new Map((await recipients()).map((x) => [x.phone, x]));
    expect(r.statusCode).toBe(200);
    expect(r.headers["content-type"]).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    expect(String(r.headers["content-disposition"])).toContain("campaign-promo-akhir-tahun.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe("Promo Akhir Tahun");
    expect(ws.rowCount).toBe(campaign.counts.total + 1);
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([
      "Nomor",
      "Nama",
      "Dikirim dari",
      "Status",
      "Alasan",
      "Terkirim (WIB)",
      "Diterima (WIB)",
      "Dibaca (WIB)",
      "Membalas (WIB)",
    ]);
    const before = new Map((await recipients()).map((x) => [x.phone, x]));
    const words = ui("id").recipientStatus;
    let dates = 0;
    for (let i = 2; i <= ws.rowCount; i++) {
      const row = ws.getRow(i);
      const cells = row.values as unknown[];
      const v = Array.from({ length: 9 }, (_, j) => cells[j + 1] ?? ""); // empty cells are holes
      const asCells = (x: Recipient) => [
        x.phone,
        x.name ?? "",
        senderName,
        words[x.status],
        reasonOf(x, "id"),
        ...[x.sentAt, x.deliveredAt, x.readAt, x.repliedAt].map((t) => (t ? wibWall(t) : "")),
      ];
      expect([asCells(before.get(String(v[0]))!), asCells(after.get(String(v[0]))!)]).toContainEqual(v);
      for (let j = 6; j <= 9; j++) {
        const cell = row.getCell(j);
        if (cell.value === null || cell.value === "") continue;
        expect(cell.type).toBe(ExcelJS.ValueType.Date);
        expect(cell.numFmt).toBe("dd/mm/yyyy hh:mm");
        dates++;
      }
    }
    expect(dates).toBeGreaterThan(0);
  });

  it("answers 400 for an unknown format, and 404 for another shop's campaign or an unknown id", async () => {
    const bad = await api("GET", `/campaigns/${campaign.id}/report?format=pdf`);
    expect(bad.status).toBe(400);
    expect(Object.keys(errorOf(bad).fields ?? {})).toEqual(["format"]);
    const other = await addTenant(k, "Toko Lain", "pemilik@toko-lain.test", "lain-rahasia-456");
    const r = await other.api("GET", `/campaigns/${campaign.id}/report?format=csv`);
    expect({ status: r.status, code: errorOf(r).code }).toEqual({ status: 404, code: "campaign_not_found" });
    const x = await other.api("GET", `/campaigns/${campaign.id}/report?format=xlsx`);
    expect(x.status).toBe(404);
    expect(r.text).not.toContain(campaign.name);
    // And B's estimate cannot use A's channel.
    const e = await other.api("POST", "/campaigns/estimate", { channelId, audience: { type: "all" } });
    expect({ status: e.status, code: errorOf(e).code }).toEqual({ status: 400, code: "unknown_channel" });
  });
});
