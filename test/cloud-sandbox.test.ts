/**
 * A sandbox Cloud API number (issue 15 part 6): created through the API with no secrets,
 * its templates synced from the sandbox's in-process Graph, a template campaign sent to the
 * demo's customers whose statuses arrive as Meta-format webhooks with Meta's per-message
 * pricing (so the campaign shows its actual Meta cost), a free-form answer inside the
 * window priced as a free `service` message, and template review played on the sandbox's
 * clock (PENDING, then APPROVED or REJECTED with the reason). Every wait is for a state.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_META_RATES } from "../src/channels/meta-pricing.js";
import { sandboxGraph } from "../src/channels/cloud-api/index.js";
import type { ChannelDto } from "../src/modules/channels/schemas.js";
import { DEMO_LABEL } from "../src/modules/tenants/seed.js";
import { apiClient, errorOf, ok, type Api } from "./support/api.js";
import { sandboxCloudChannel, untilChannelStatus } from "./support/channels.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { waitFor } from "./support/wait.js";

let k: TestKabar;
let api: Api;
let channel: ChannelDto;

beforeAll(async () => {
  k = await startTestKabar({ KABAR_SEED_CLOUD_SANDBOX: "true" });
  api = apiClient(k.http!, { cookie: k.cookie });
  channel = await sandboxCloudChannel(api, "WA Resmi (sandbox)");
});
afterAll(async () => k?.close());

interface WaTemplate {
  name: string;
  language: string;
  status: string;
  category: string | null;
  reason: string | null;
}
type ActualCost = {
  byCategory: Array<{ category: string; messages: number; rupiah: number | null }>;
  rupiah: number;
};

const templates = () => ok(api<WaTemplate[]>("GET", `/channels/${channel.id}/wa-templates`));
const actualCost = async (id: string) =>
  (await ok(api<{ actualCost: ActualCost | null }>("GET", `/campaigns/${id}`))).actualCost;
const recipients = async (campaignId: string) =>
  (
    await k.database.db.execute<{
      phone: string;
      status: string;
      pricing_category: string | null;
      billable: boolean | null;
    }>(
      sql`SELECT phone, status, pricing_category, billable FROM campaign_recipients WHERE campaign_id = ${campaignId} ORDER BY id`,
    )
  ).rows;

describe("a sandbox Cloud API number", () => {
  it("is a cloud_api channel with its own virtual number, created without secrets; real ones still need theirs", async () => {
    expect(channel).toMatchObject({ kind: "cloud_api", status: "connected" });
    expect(channel.phone).toMatch(/^\+628119\d{7}$/);
    const half = await api("POST", "/channels", {
      name: "x",
      kind: "cloud_api",
      cloudApi: { sandbox: true, accessToken: "t" },
    });
    expect(half.status).toBe(400);
    expect(errorOf(half).fields).toHaveProperty("cloudApi");
  });

  it("is in the demo next to the WhatsApp Web sandbox number, connected, its approved marketing template ready", async () => {
    const list = await ok(api<ChannelDto[]>("GET", "/channels"));
    const demo = list.find((c) => c.kind === "cloud_api" && c.id !== channel.id)!;
    // The demo's first number (newest first) is still its WhatsApp Web sandbox number.
    expect(list.filter((c) => c.id !== channel.id).map((c) => c.kind)).toEqual(["sandbox", "cloud_api"]);
    expect(demo.name).toContain("Cloud API");
    await untilChannelStatus(api, demo.id, "connected");
    const ready = await ok(api<WaTemplate[]>("GET", `/channels/${demo.id}/wa-templates`));
    expect(ready.find((t) => t.name === "promo_bulanan")).toMatchObject({
      status: "APPROVED",
      category: "MARKETING",
      language: "id",
    });
  });

  let campaignId: string;

  it("syncs its WABA's approved templates, sends a template campaign, and the campaign shows what Meta billed", async () => {
    await ok(api("POST", `/channels/${channel.id}/wa-templates/sync`));
    expect((await templates()).find((t) => t.name === "promo_bulanan")).toMatchObject({
      status: "APPROVED",
      category: "MARKETING",
      language: "id",
    });
    const c = await ok(
      api<{ id: string }>("POST", "/campaigns", {
        name: "Promo bulanan",
        channelId: channel.id,
        audience: { type: "labels", labels: [DEMO_LABEL], match: "any" },
        waTemplate: { name: "promo_bulanan", language: "id", body: ["{{name|kak}}"] },
      }),
      201,
    );
    campaignId = c.id;
    await ok(api("POST", `/campaigns/${c.id}/start`));
    // Meta's statuses arrive by webhook: every message delivered (or read), priced as marketing.
    const rows = await waitFor(async () => {
      const r = await recipients(c.id);
      return r.length > 0 && r.every((x) => ["delivered", "read"].includes(x.status) && x.pricing_category)
        ? r
        : undefined;
    }, 60_000);
    expect(rows.every((r) => r.pricing_category === "marketing" && r.billable === true)).toBe(true);
    const rupiah = Math.round(rows.length * DEFAULT_META_RATES["62"]!.MARKETING!);
    expect(await actualCost(c.id)).toEqual({
      byCategory: [{ category: "marketing", messages: rows.length, rupiah }],
      rupiah,
    });
  });

  it("prices a free-form answer inside the customer's window as a free service message: the campaign's cost stays", async () => {
    const [first] = await recipients(campaignId);
    const before = await actualCost(campaignId);
    await sandboxGraph.customerWrites(channel.id, first!.phone, "Masih ada stoknya kak?");
    const conversation = await waitFor(async () => {
      const r = await k.database.db.execute<{ id: string }>(sql`
        SELECT v.id FROM conversations v JOIN contacts c ON c.id = v.contact_id
        WHERE v.channel_id = ${channel.id} AND c.phone = ${first!.phone}`);
      return r.rows[0];
    });
    const sent = await ok(
      api<{ id: string }>("POST", `/conversations/${conversation.id}/messages`, {
        text: "Masih kak, silakan dipesan",
      }),
      201,
    );
    const answered = await waitFor(async () => {
      const list = await ok(
        api<Array<{ id: string; status: string }>>("GET", `/conversations/${conversation.id}/messages`),
      );
      return list.find((m) => m.id === sent.id && ["delivered", "read"].includes(m.status));
    });
    expect(answered).toBeTruthy();
    expect(await actualCost(campaignId)).toEqual(before);
  });

  it("plays Meta's template review on the sandbox clock: PENDING, then APPROVED, or REJECTED with the reason", async () => {
    const draft = (name: string, text: string) => ({
      name,
      language: "id",
      category: "MARKETING",
      components: [{ type: "BODY", text, example: { body_text: [["Sari"]] } }],
    });
    const submitted = await ok(
      api<WaTemplate>(
        "POST",
        `/channels/${channel.id}/wa-templates`,
        draft("promo_akhir_tahun", "Halo {{1}}, promo akhir tahun!"),
      ),
      201,
    );
    expect(submitted.status).toBe("PENDING");
    await ok(
      api(
        "POST",
        `/channels/${channel.id}/wa-templates`,
        draft("promo_taruhan", "Halo {{1}}, ayo ikut taruhan bola!"),
      ),
      201,
    );
    const approved = await waitFor(async () =>
      (await templates()).find((t) => t.name === "promo_akhir_tahun" && t.status === "APPROVED"),
    );
    expect(approved.reason).toBeNull();
    const rejected = await waitFor(async () =>
      (await templates()).find((t) => t.name === "promo_taruhan" && t.status === "REJECTED"),
    );
    expect(rejected.reason).toBe("ABUSIVE_CONTENT");
  });
});
