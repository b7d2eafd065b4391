import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { GraphClient } from "../client.js";
import { GraphApiError } from "../errors.js";
import { realScheduler, Timers } from "../../sandbox/clock.js";
import { SANDBOX_GRAPH_BASE_URL, SandboxGraph } from "./graph.js";

const NOW = Date.parse("2026-12-06T03:00:00Z");
const IDS = { phoneNumberId: "100000000000001", wabaId: "200000000000001" };
const CHANNEL = "3f0c6a52-7d3e-4c55-9a51-7d0f3c1b2a10";

// biome-ignore lint/suspicious/noExplicitAny: a webhook value is read field by field in the assertions
type Value = Record<string, any>;
type Payload = { entry: Array<{ id: string; changes: Array<{ field: string; value: Value }> }> };

let graph: SandboxGraph;
let posted: Array<{ channelId: string; payload: Payload }>;
let client: GraphClient;

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
  graph = new SandboxGraph();
  posted = [];
  graph.configure({
    timers: new Timers(realScheduler, 1),
    seed: "kabar",
    deliver: async (channelId, payload) => void posted.push({ channelId, payload: payload as Payload }),
  });
  graph.attach({ id: CHANNEL, phone: "+6281190000001" }, IDS);
  client = new GraphClient({
    baseUrl: SANDBOX_GRAPH_BASE_URL,
    graphVersion: "v21.0",
    accessToken: "sandbox-token",
    fetch: graph.fetch,
  });
});
afterEach(() => vi.useRealTimers());

/** The `statuses[]` posted so far for `wamid`. */
const statusesOf = (wamid: string) =>
  posted
    .flatMap((p) => p.payload.entry[0]!.changes[0]!.value.statuses ?? [])
    .filter((s: { id: string }) => s.id === wamid);

const promo = (name = "Sari") => ({
  to: "6281234567890",
  type: "template",
  template: {
    name: "promo_bulanan",
    language: { code: "id" },
    components: [{ type: "body", parameters: [{ type: "text", text: name }] }],
  },
});

describe("the sandbox's Graph API", () => {
  it("answers the phone number node and lists the WABA's approved templates with cursor paging", async () => {
    expect(await client.phoneNumber(IDS.phoneNumberId)).toMatchObject({
      id: IDS.phoneNumberId,
      display_phone_number: "6281190000001",
      quality_rating: "GREEN",
    });
    const first = await client.listTemplates(IDS.wabaId, { limit: 1 });
    expect(first.data.map((t) => [t.name, t.status, t.category])).toEqual([
      ["promo_bulanan", "APPROVED", "MARKETING"],
    ]);
    const second = await client.listTemplates(IDS.wabaId, { limit: 1, after: first.after! });
    expect(second).toEqual({
      data: [expect.objectContaining({ name: "info_pesanan", category: "UTILITY" })],
    });
  });

  it("answers Meta's errors: no token (190), an unknown node (100), a template it does not list (132001), wrong parameters (132000)", async () => {
    const bare = await graph.fetch({
      method: "GET",
      url: `${SANDBOX_GRAPH_BASE_URL}/v21.0/${IDS.phoneNumberId}`,
      headers: {},
    });
    expect(bare.status).toBe(401);
    expect(JSON.parse(bare.body.toString()).error).toMatchObject({ code: 190, type: "OAuthException" });
    await expect(client.phoneNumber("999")).rejects.toMatchObject({ code: 100 });
    const unknown = { ...promo(), template: { ...promo().template, name: "tidak_ada" } };
    await expect(client.sendMessage(IDS.phoneNumberId, unknown)).rejects.toMatchObject({ code: 132001 });
    const noParams = { ...promo(), template: { name: "promo_bulanan", language: { code: "id" } } };
    const err = await client.sendMessage(IDS.phoneNumberId, noParams).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GraphApiError);
    expect(err).toMatchObject({ code: 132000 });
  });

  it("plays a template's statuses sent → delivered → read on its clock, each with Meta's marketing pricing", async () => {
    const { wamid } = await client.sendMessage(IDS.phoneNumberId, promo());
    expect(wamid).toMatch(/^wamid\./);
    expect(statusesOf(wamid)).toEqual([]);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    const statuses = statusesOf(wamid);
    expect(statuses.map((s: { status: string }) => s.status).slice(0, 2)).toEqual(["sent", "delivered"]);
    for (const s of statuses)
      expect(s).toMatchObject({
        recipient_id: "6281234567890",
        pricing: { billable: true, pricing_model: "PMP", type: "regular", category: "marketing" },
      });
    expect(posted.every((p) => p.channelId === CHANNEL && p.payload.entry[0]!.id === IDS.wabaId)).toBe(true);
    expect(posted[0]!.payload.entry[0]!.changes[0]!.value.metadata).toEqual({
      display_phone_number: "6281190000001",
      phone_number_id: IDS.phoneNumberId,
    });
  });

  it("prices free-form text inside the customer's window as a free service message, and a utility template there as free", async () => {
    const text = { to: "6281234567890", type: "text", text: { body: "Masih ada kak" } };
    const late = await client.sendMessage(IDS.phoneNumberId, text);
    await graph.customerWrites(CHANNEL, "+6281234567890", "Halo, masih ada?", "Sari");
    const inbound = posted.at(-1)!.payload.entry[0]!.changes[0]!.value;
    expect(inbound.messages[0]).toMatchObject({
      from: "6281234567890",
      type: "text",
      text: { body: "Halo, masih ada?" },
    });
    expect(inbound.contacts).toEqual([{ profile: { name: "Sari" }, wa_id: "6281234567890" }]);
    const answer = await client.sendMessage(IDS.phoneNumberId, text);
    const utility = await client.sendMessage(IDS.phoneNumberId, {
      to: "6281234567890",
      type: "template",
      template: {
        name: "info_pesanan",
        language: { code: "id" },
        components: [
          {
            type: "body",
            parameters: [
              { type: "text", text: "Sari" },
              { type: "text", text: "A-1" },
            ],
          },
        ],
      },
    });
    await vi.advanceTimersByTimeAsync(10_000);
    // Before the customer wrote, the window was closed: Meta refuses it afterwards (131047).
    expect(statusesOf(late.wamid)).toEqual([
      expect.objectContaining({ status: "failed", errors: [expect.objectContaining({ code: 131047 })] }),
    ]);
    expect(statusesOf(answer.wamid)[0].pricing).toEqual({
      billable: false,
      pricing_model: "PMP",
      type: "free_customer_service",
      category: "service",
    });
    expect(statusesOf(utility.wamid)[0].pricing).toMatchObject({ billable: false, category: "utility" });
  });

  it("reviews a submitted template after its delay: APPROVED, or REJECTED with the reason; a taken name is 2388024", async () => {
    const draft = (name: string, text: string) => ({
      name,
      language: "id",
      category: "MARKETING",
      components: [{ type: "BODY", text, example: { body_text: [["Sari"]] } }],
    });
    expect(
      await client.createTemplate(IDS.wabaId, draft("promo_natal", "Halo {{1}}, promo Natal!")),
    ).toMatchObject({
      status: "PENDING",
      category: "MARKETING",
    });
    await client.createTemplate(IDS.wabaId, draft("promo_judi", "Halo {{1}}, main judi yuk"));
    await expect(client.createTemplate(IDS.wabaId, draft("promo_natal", "x"))).rejects.toMatchObject({
      code: 100,
      subcode: 2388024,
    });
    const reviews = () =>
      posted
        .map((p) => p.payload.entry[0]!.changes[0]!)
        .filter((c) => c.field === "message_template_status_update")
        .map((c) => [c.value.message_template_name, c.value.event, c.value.reason]);
    await vi.advanceTimersByTimeAsync(graph.reviewAfterMs - 1);
    expect(reviews()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(reviews()).toEqual([
      ["promo_natal", "APPROVED", "NONE"],
      ["promo_judi", "REJECTED", "ABUSIVE_CONTENT"],
    ]);
    const listed = (await client.listTemplates(IDS.wabaId)).data.find((t) => t.name === "promo_judi");
    expect(listed).toMatchObject({ status: "REJECTED", rejected_reason: "ABUSIVE_CONTENT" });
  });

  it("accepts up to 3 reply buttons inside the window and refuses, like Meta, a 4th button or a title over 20 characters (131009)", async () => {
    await graph.customerWrites(CHANNEL, "+6281234567890", "Halo kak");
    const interactive = (buttons: Array<{ id: string; title: string }>) => ({
      to: "6281234567890",
      type: "interactive",
      interactive: {
        type: "button",
        body: { text: "Pesanan COD Rp85.000. Konfirmasi?" },
        action: { buttons: buttons.map((reply) => ({ type: "reply", reply })) },
      },
    });
    const three = [
      { id: "a", title: "PESAN LAGI" },
      { id: "b", title: "NANTI" },
      { id: "c", title: "STOP" },
    ];
    const { wamid } = await client.sendMessage(IDS.phoneNumberId, interactive(three));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(statusesOf(wamid)[0]).toMatchObject({ status: "sent", pricing: { category: "service" } });
    const four = await client
      .sendMessage(IDS.phoneNumberId, interactive([...three, { id: "d", title: "LAIN" }]))
      .catch((e: unknown) => e);
    expect(four).toMatchObject({
      httpStatus: 400,
      code: 131009,
      details: expect.stringContaining("Max allowed buttons: 3"),
    });
    const long = await client
      .sendMessage(IDS.phoneNumberId, interactive([{ id: "a", title: "Ya, saya konfirmasi pesanan" }]))
      .catch((e: unknown) => e);
    expect(long).toMatchObject({
      httpStatus: 400,
      code: 131009,
      details: expect.stringContaining("Max length: 20"),
    });
  });

  it("posts a customer's tap on a reply button as Meta's interactive button_reply webhook, answering the shop's message", async () => {
    await graph.customerTaps(CHANNEL, "+6281234567890", { id: "cod:yes", title: "YA" }, "wamid.shop");
    const message = posted.at(-1)!.payload.entry[0]!.changes[0]!.value.messages[0];
    expect(message).toMatchObject({
      from: "6281234567890",
      type: "interactive",
      interactive: { type: "button_reply", button_reply: { id: "cod:yes", title: "YA" } },
      context: { id: "wamid.shop" },
    });
  });
});
