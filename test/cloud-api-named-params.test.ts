/**
 * WhatsApp templates with NAMED parameters ({{customer_name}}, Meta's parameter_format
 * NAMED) end to end (issue 11 §5): the sync keeps the format and the names, a campaign maps
 * each name to a Kabar value and sends it with `parameter_name` to every recipient, and a
 * template campaign (named or positional) whose parameters are not all filled is refused
 * with a 400 naming them, at create and at start. The fake Graph API checks each template
 * send as Meta does (error 132000 when the parameters do not match).
 */
import { sql } from "drizzle-orm";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphClientFor } from "../src/channels/cloud-api/index.js";
import { syncTemplates } from "../src/channels/cloud-api/templates.js";
import {
  createCloudApiKind,
  type CloudApiOutgoing,
  type CloudApiTransport,
} from "../src/channels/cloud-api/transport.js";
import { PACING_PRESETS } from "../src/channels/pacing.js";
import { TransportError } from "../src/channels/transport.js";
import { campaigns } from "../src/db/schema/index.js";
import { Dispatcher } from "../src/modules/campaigns/dispatcher.js";
import { upsertContacts } from "../src/modules/contacts/upsert.js";
import { apiClient, errorOf, ok, type Api } from "./support/api.js";
import { cloudTransport, createCloudChannel, SECRET_KEY, type CloudChannel } from "./support/cloud-api.js";
import { FakeGraph, type FakeTemplate } from "./support/fake-graph.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { waitFor } from "./support/wait.js";

let k: TestKabar;
let api: Api;
let graph: FakeGraph;
let channel: CloudChannel;
let transport: CloudApiTransport;

const pesanan: FakeTemplate = {
  name: "pesanan_siap",
  language: "id",
  status: "APPROVED",
  category: "UTILITY",
  parameter_format: "NAMED",
  components: [
    { type: "HEADER", format: "TEXT", text: "Toko {{toko}}" },
    {
      type: "BODY",
      text: "Halo {{customer_name}}, pesanan {{order_id}} sudah siap diambil.",
      example: {
        body_text_named_params: [
          { param_name: "customer_name", example: "Sari" },
          { param_name: "order_id", example: "A-17" },
        ],
      },
    },
  ],
};
const diskon: FakeTemplate = {
  name: "diskon_akhir_pekan",
  language: "id",
  status: "APPROVED",
  category: "MARKETING",
  components: [{ type: "BODY", text: "Diskon {{1}} untuk {{2}} akhir pekan ini." }],
};

beforeAll(async () => {
  graph = await FakeGraph.start();
  graph.templates = [pesanan, diskon];
  k = await startTestKabar(graph.operatorEnv);
  api = apiClient(k.http!, { cookie: k.cookie });
  channel = await createCloudChannel(k, graph);
  ({ transport } = await cloudTransport(k, channel));
  await transport.connect();
  const { client, wabaId } = await graphClientFor(k.database.db, SECRET_KEY, channel, channel.graphBaseUrl);
  await syncTemplates(k.database.db, client, channel, wabaId);
});
afterAll(async () => {
  await graph?.close();
  await k?.close();
});

const audience = (label: string) => ({ type: "labels", labels: [label], match: "any" });

describe("named template parameters", () => {
  it("the sync keeps each template's parameter format and the parameters to fill", async () => {
    const templates = await ok(
      api<Array<{ name: string; parameterFormat: string; parameters: { header: string[]; body: string[] } }>>(
        "GET",
        `/channels/${channel.id}/wa-templates`,
      ),
    );
    expect(templates.map((t) => [t.name, t.parameterFormat, t.parameters])).toEqual([
      ["diskon_akhir_pekan", "POSITIONAL", { header: [], body: ["1", "2"] }],
      ["pesanan_siap", "NAMED", { header: ["toko"], body: ["customer_name", "order_id"] }],
    ]);
  });

  it("refuses a template campaign whose parameters are not all filled, naming them (named and positional)", async () => {
    const refused = async (waTemplate: Record<string, unknown>) => {
      const r = await api("POST", "/campaigns", {
        name: "Kurang isian",
        channelId: channel.id,
        audience: audience("named"),
        waTemplate,
      });
      expect(r.status).toBe(400);
      return errorOf(r);
    };
    const none = await refused({ name: "pesanan_siap", language: "id" });
    expect(none.code).toBe("wa_template_params");
    expect(none.fields).toEqual({ "waTemplate.header": "missing {{toko}}" });
    const someBody = await refused({
      name: "pesanan_siap",
      language: "id",
      header: { toko: "Sinar Jaya" },
      body: { customer_name: "{{name|Kak}}", order_id: " ", kota: "Bandung" },
    });
    expect(someBody.fields).toEqual({ "waTemplate.body": "missing {{order_id}}; unknown {{kota}}" });
    expect(someBody.message).toContain("{{order_id}}");
    const blank = await refused({ name: "diskon_akhir_pekan", language: "id", body: ["20%", ""] });
    expect(blank.fields).toEqual({ "waTemplate.body": "missing {{2}}" });
    const positionalByName = await refused({
      name: "diskon_akhir_pekan",
      language: "id",
      body: { diskon: "20%" },
    });
    expect(positionalByName.fields).toEqual({
      "waTemplate.body": "missing {{1}}, {{2}}; unknown {{diskon}}",
    });
  });

  it("refuses to start a draft saved without its named values", async () => {
    await upsertContacts(
      k.database.db,
      channel.tenantId,
      [{ phone: "+6285711100001", name: "Sari", attributes: {}, labels: ["named-draft"] }],
      "import",
    );
    const [c] = await k.database.db
      .insert(campaigns)
      .values({
        tenantId: channel.tenantId,
        name: "Draf lama",
        channelId: channel.id,
        body: "",
        audience: { type: "labels", labels: ["named-draft"], match: "any" },
        waTemplate: { name: "pesanan_siap", language: "id", header: { toko: "Sinar Jaya" } },
      })
      .returning({ id: campaigns.id });
    const r = await api("POST", `/campaigns/${c!.id}/start`);
    expect(r.status).toBe(400);
    expect(errorOf(r)).toMatchObject({
      code: "wa_template_params",
      fields: { "waTemplate.body": "missing {{customer_name}}, {{order_id}}" },
    });
    expect((await k.services.campaigns.get(k.owner, c!.id)).status).toBe("draft");
  });

  it("sends each recipient the named values with parameter_name, and reports the text they read", async () => {
    const phones = ["+6285711100011", "+6285711100012"];
    await upsertContacts(
      k.database.db,
      channel.tenantId,
      phones.map((phone, i) => ({
        phone,
        name: `Pelanggan ${i + 1}`,
        attributes: { pesanan: `A-${i + 1}` },
        labels: ["named"],
      })),
      "import",
    );
    const created = await ok(
      api<{ id: string; body: string }>("POST", "/campaigns", {
        name: "Pesanan siap",
        channelId: channel.id,
        audience: audience("named"),
        waTemplate: {
          name: "pesanan_siap",
          language: "id",
          header: { toko: "Sinar Jaya" },
          body: { customer_name: "{{name|Kak}}", order_id: "{{pesanan}}" },
        },
      }),
      201,
    );
    expect(created.body).toBe("Halo {{customer_name}}, pesanan {{order_id}} sudah siap diambil.");
    await ok(api("POST", `/campaigns/${created.id}/start`));
    const sentBefore = graph.calls("messages").length;
    const d = new Dispatcher(
      k.database.db,
      {
        id: channel.id,
        tenantId: channel.tenantId,
        transport,
        status: () => "connected",
        policy: () => PACING_PRESETS.off,
        createdAt: new Date(),
        timeZone: "Asia/Jakarta",
        kind: "cloud_api",
        dedupes: createCloudApiKind().dedupes,
      },
      k.bus,
      pino({ level: "silent" }),
      { idleMs: 20, retryBaseMs: 10 },
    );
    d.start();
    try {
      await waitFor(async () =>
        (await k.services.campaigns.get(k.owner, created.id)).status === "completed" ? true : undefined,
      );
    } finally {
      await d.stop();
    }
    const rows = await k.database.db.execute<{ phone: string; status: string; text: string }>(sql`
      SELECT phone, status, text FROM campaign_recipients WHERE campaign_id = ${created.id} ORDER BY phone`);
    expect(rows.rows).toEqual(
      phones.map((phone, i) => ({
        phone,
        status: "sent",
        text: `Toko Sinar Jaya\nHalo Pelanggan ${i + 1}, pesanan A-${i + 1} sudah siap diambil.`,
      })),
    );
    const sent = graph
      .calls("messages")
      .slice(sentBefore)
      .map((c) => c.json as { to: string; template: { name: string; components: unknown[] } })
      .sort((a, b) => a.to.localeCompare(b.to));
    expect(sent.map((m) => [m.to, m.template.name])).toEqual(phones.map((p) => [p.slice(1), "pesanan_siap"]));
    // Meta matches named values by name, in any order (PostgreSQL's jsonb keeps its own).
    const byName = (c: { parameters: Array<{ parameter_name: string }> }) => ({
      ...c,
      parameters: [...c.parameters].sort((a, b) => a.parameter_name.localeCompare(b.parameter_name)),
    });
    expect(
      (sent[1]!.template.components as Array<{ parameters: Array<{ parameter_name: string }> }>).map(byName),
    ).toEqual([
      { type: "header", parameters: [{ type: "text", parameter_name: "toko", text: "Sinar Jaya" }] },
      {
        type: "body",
        parameters: [
          { type: "text", parameter_name: "customer_name", text: "Pelanggan 2" },
          { type: "text", parameter_name: "order_id", text: "A-2" },
        ],
      },
    ]);
  });

  it("the fake Cloud API refuses a named template sent without its names, like Meta (132000)", async () => {
    // Positional values for a NAMED template: what Kabar sent before named parameters.
    const positional: CloudApiOutgoing = {
      template: { name: "pesanan_siap", language: "id", header: ["Sinar Jaya"], body: ["Sari", "A-1"] },
    };
    const err = await transport.send("+6285711100021", positional, { messageId: "3EB0NAMEDCHECK" }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TransportError);
    expect((err as Error).message).toMatch(/132000|Number of parameters/);
  });
});
