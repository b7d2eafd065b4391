import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { ChannelDto } from "../src/modules/channels/schemas.js";
import { apiClient, errorOf, ok, type Api } from "./support/api.js";
import { untilChannelStatus } from "./support/channels.js";
import { FakeGraph } from "./support/fake-graph.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";

let k: TestKabar;
let api: Api;
let graph: FakeGraph;

beforeAll(async () => {
  graph = await FakeGraph.start();
  k = await startTestKabar(graph.operatorEnv);
  api = apiClient(k.http!, { cookie: k.cookie });
});
afterAll(async () => {
  await k?.close();
  await graph?.close();
});

const cloudApi = () => ({
  phoneNumberId: graph.phoneNumberId,
  wabaId: graph.wabaId,
  accessToken: graph.accessToken,
  appSecret: "app-secret-toko",
  verifyToken: "verifikasi-toko-123",
  phone: "0811-2345-6789",
});

describe("a Cloud API channel through the API", () => {
  it("is created with its secrets sealed, connects against the Graph API, and never shows the secrets", async () => {
    const created = await ok(
      api<ChannelDto>("POST", "/channels", { name: "WA Resmi", kind: "cloud_api", cloudApi: cloudApi() }),
      201,
    );
    expect(created).toMatchObject({ kind: "cloud_api", phone: "+6281123456789", pacingPreset: "safe" });
    expect(JSON.stringify(created)).not.toMatch(/EAAtest|app-secret|verifikasi/);
    await untilChannelStatus(api, created.id, "connected");
    const sealed = await k.database.db.execute<{ sealed: Buffer }>(
      sql`SELECT sealed FROM channel_secrets WHERE channel_id = ${created.id}`,
    );
    expect(sealed.rows).toHaveLength(1);
    expect(sealed.rows[0]!.sealed.toString("latin1")).not.toContain(graph.accessToken);
  });

  it("needs its Cloud API settings, naming the field", async () => {
    const r = await api("POST", "/channels", { name: "Tanpa data", kind: "cloud_api" });
    expect(r.status).toBe(400);
    expect(errorOf(r).fields).toHaveProperty("cloudApi");
    const bad = await api("POST", "/channels", {
      name: "Salah",
      kind: "cloud_api",
      cloudApi: { ...cloudApi(), phoneNumberId: "abc" },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(errorOf(bad).fields ?? {})).toContain("cloudApi.phoneNumberId");
  });

  it("syncs the WhatsApp templates of its business account and lists them", async () => {
    graph.templates = [
      {
        name: "promo_lebaran",
        language: "id",
        status: "APPROVED",
        category: "MARKETING",
        components: [{ type: "BODY", text: "Halo {{1}}, diskon {{2}}!" }],
      },
      {
        name: "info_pesanan",
        language: "id",
        status: "PENDING",
        category: "UTILITY",
        components: [{ type: "BODY", text: "Pesanan {{1}} dikirim" }],
      },
    ];
    const channel = await ok(
      api<ChannelDto>("POST", "/channels", { name: "WA Template", kind: "cloud_api", cloudApi: cloudApi() }),
      201,
    );
    expect(await ok(api("POST", `/channels/${channel.id}/wa-templates/sync`))).toEqual({
      synced: 2,
      removed: 0,
    });
    const list = await ok(
      api<Array<{ name: string; status: string }>>("GET", `/channels/${channel.id}/wa-templates`),
    );
    expect(list.map((t) => [t.name, t.status])).toEqual([
      ["info_pesanan", "PENDING"],
      ["promo_lebaran", "APPROVED"],
    ]);
    // A sandbox channel has no WhatsApp templates.
    const sandbox = (await ok(api<ChannelDto[]>("GET", "/channels"))).find((c) => c.kind === "sandbox")!;
    expect((await api("POST", `/channels/${sandbox.id}/wa-templates/sync`)).status).toBe(400);
  });
});
