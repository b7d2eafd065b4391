/**
 * The JSON routes that had no response schema (issue 10 §7) now have one: the pacing
 * presets, a Cloud API channel's synced WhatsApp templates, and the sandbox phones, their
 * chats and a phone's message. A response schema also filters what is sent, so each answer
 * must still be exactly what the service returns, field for field.
 */
import { isDeepStrictEqual } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PACING_PRESET_INFO, PACING_PRESETS } from "../src/channels/pacing.js";
import type { ChannelDto } from "../src/modules/channels/schemas.js";
import { apiClient, ok, untilConnected, type Api } from "./support/api.js";
import { firstChannel } from "./support/channels.js";
import { FakeGraph } from "./support/fake-graph.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { waitFor } from "./support/wait.js";

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

/** A value as JSON carries it (undefined fields dropped). */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
/** Whether two values are equal once both are JSON (as an answer carries them). */
const sameJson = (a: unknown, b: unknown): boolean => isDeepStrictEqual(asJson(a), asJson(b));

describe("JSON routes with a response schema answer what their services return", () => {
  it("GET /channels/pacing-presets: every preset with its policy and what it is for", async () => {
    const presets = await ok(api<unknown[]>("GET", "/channels/pacing-presets"));
    expect(presets).toEqual(
      Object.entries(PACING_PRESETS).map(([name, policy]) => ({
        name,
        policy,
        ...PACING_PRESET_INFO[name as keyof typeof PACING_PRESETS],
      })),
    );
    expect(presets.map((p) => (p as { name: string }).name)).toEqual(["safe", "balanced", "demo", "off"]);
  });

  it("the sandbox phones, a phone's chat both ways, and the id of what a phone sends", async () => {
    const channelId = (await firstChannel(api)).id;
    await untilConnected(api, channelId);
    // The API answers what the service holds (read again until both saw the same moment).
    const phones = await waitFor(async () => {
      const listed = await ok(api<Array<{ phone: string; onWhatsApp: boolean }>>("GET", "/sandbox/phones"));
      return sameJson(listed, await k.services.sandbox.listPhones(k.owner)) ? listed : undefined;
    });
    expect(Object.keys(phones[0]!).sort()).toEqual(["name", "onWhatsApp", "phone", "readRate", "replyRate"]);

    const phone = phones.find((p) => p.onWhatsApp)!.phone;
    const path = `/sandbox/phones/${encodeURIComponent(phone)}/messages`;
    const sent = await ok(api<{ messageId: string }>("POST", path, { channelId, text: "Halo, masih ada?" }));
    expect(sent).toEqual({ messageId: expect.any(String) });
    // The shop answers in the inbox, so the chat has a line each way.
    const conversation = await waitFor(async () =>
      (await ok(api<Array<{ id: string; phone: string }>>("GET", "/conversations"))).find(
        (c) => c.phone === phone,
      ),
    );
    await ok(api("POST", `/conversations/${conversation.id}/messages`, { text: "Masih, kak" }), 201);
    // The shop's auto-replies may write to the phone too, at any moment: the chat is read
    // until the API and the service agree and the agent's answer is in it.
    const chat = await waitFor(async () => {
      const lines = await ok(api<Array<{ direction: string; text?: string }>>("GET", path));
      if (!lines.some((l) => l.direction === "in" && l.text === "Masih, kak")) return undefined;
      return sameJson(lines, await k.services.sandbox.phoneMessages(k.owner, phone)) ? lines : undefined;
    });
    expect(chat.find((l) => l.direction === "out")).toMatchObject({
      messageId: sent.messageId,
      from: phone,
      text: "Halo, masih ada?",
    });
    expect(chat.find((l) => l.direction === "in" && l.text === "Masih, kak")).toMatchObject({
      channelId,
      to: phone,
      text: "Masih, kak",
    });
  });

  it("GET /channels/:id/wa-templates: a Cloud API channel's synced templates, components included", async () => {
    graph.templates = [
      {
        name: "promo_lebaran",
        language: "id",
        status: "APPROVED",
        category: "MARKETING",
        components: [{ type: "BODY", text: "Halo {{1}}, diskon {{2}}!" }],
      },
    ];
    const channel = await ok(
      api<ChannelDto>("POST", "/channels", {
        name: "WA Resmi",
        kind: "cloud_api",
        cloudApi: {
          phoneNumberId: graph.phoneNumberId,
          wabaId: graph.wabaId,
          accessToken: graph.accessToken,
          appSecret: "app-secret-toko",
          verifyToken: "verifikasi-toko-123",
        },
      }),
      201,
    );
    await ok(api("POST", `/channels/${channel.id}/wa-templates/sync`));
    const list = await ok(api<unknown[]>("GET", `/channels/${channel.id}/wa-templates`));
    expect(list).toEqual(asJson(await k.services.channels.templates(k.owner, channel.id)));
    expect(list).toEqual([
      {
        name: "promo_lebaran",
        language: "id",
        status: "APPROVED",
        category: "MARKETING",
        parameterFormat: "POSITIONAL",
        parameters: { header: [], body: ["1", "2"] },
        components: [{ type: "BODY", text: "Halo {{1}}, diskon {{2}}!" }],
        reason: null,
        previousCategory: null,
        syncedAt: expect.any(String),
      },
    ]);
  });
});
