/**
 * A scheduled auto-reply is a pg-boss job, not a timer: it survives a restart of Kabar,
 * and when it runs the customer sees "typing…" before the reply. Delays are scaled by
 * `automation.delayScale` (a 60 s rule delay becomes 30 s here: room for the restart before it is due).
 */
import { afterAll, describe, expect, it } from "vitest";
import type { VirtualPhone } from "../src/channels/sandbox/behaviour.js";
import type { Transport } from "../src/channels/transport.js";
import type { LogEntryDto, RuleDto } from "../src/modules/automation/schemas.js";
import { apiClient, ok, untilConnected, type Api } from "./support/api.js";
import { firstChannel } from "./support/channels.js";
import { createTestDatabase, dropTestDatabase } from "./support/db.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { waitFor } from "./support/wait.js";

const phone: VirtualPhone = {
  phone: "+6285719990999",
  name: "Citra",
  onWhatsApp: true,
  readRate: 0,
  replyRate: 0,
  latencyMs: 100,
};
let url: string;
let running: TestKabar | null = null;

async function start(): Promise<{ k: TestKabar; api: Api; channelId: string }> {
  const k = await startTestKabar({}, { automation: { delayScale: 0.5 } }, url);
  running = k;
  await k.sandboxStore.savePhonesFor(k.owner.tenantId, [phone]);
  await k.sandbox.addPhones([phone]);
  const api = apiClient(k.http!, { cookie: k.cookie });
  const channelId = (await firstChannel(api)).id;
  await untilConnected(api, channelId);
  return { k, api, channelId };
}

afterAll(async () => {
  await running?.close();
  if (url) await dropTestDatabase(url);
});

describe("a scheduled auto-reply", () => {
  it('is sent after a restart, with "typing…" shown first', async () => {
    url = await createTestDatabase();
    const first = await start();
    const rule = await ok(
      first.api<RuleDto>("POST", "/automation/rules", {
        name: "Sapaan",
        type: "fallback",
        reply: "Halo {{name}}, sebentar ya",
        delayMinSeconds: 60,
        delayMaxSeconds: 60,
      }),
      201,
    );
    await ok(
      first.api("POST", `/sandbox/phones/${encodeURIComponent(phone.phone)}/messages`, {
        channelId: first.channelId,
        text: "Halo kak",
      }),
    );
    const log = (api: Api) => ok(api<LogEntryDto[]>("GET", `/automation/rules/${rule.id}/log`));
    await waitFor(async () => ((await log(first.api))[0]?.outcome === "scheduled" ? true : undefined));
    await first.k.stop();
    running = null;

    // Stopped: nothing reached the phone.
    const second = await start();
    const [scheduled] = await log(second.api);
    expect(scheduled).toMatchObject({ outcome: "scheduled", replyMessageId: null });

    const transport = await waitFor(async () => second.k.manager!.transport(second.channelId));
    const calls: string[] = [];
    const spy = transport as Transport & { setTyping: NonNullable<Transport["setTyping"]> };
    const { setTyping, send } = spy;
    spy.setTyping = (to, on) => {
      calls.push(`typing ${on} ${to}`);
      return setTyping.call(transport, to, on);
    };
    spy.send = (to, msg, opts) => {
      calls.push(`send ${to} ${msg.text}`);
      return send.call(transport, to, msg, opts);
    };

    const sent = await waitFor(
      async () => ((await log(second.api))[0]?.outcome === "sent" ? (await log(second.api))[0] : undefined),
      60_000,
    );
    expect(sent).toMatchObject({ replyText: "Halo Citra, sebentar ya", replyMessageId: expect.any(String) });
    expect(calls).toEqual([`typing true ${phone.phone}`, `send ${phone.phone} Halo Citra, sebentar ya`]);
    const received = await waitFor(async () => {
      const all = await ok(
        second.api<Array<{ direction: string; text?: string }>>(
          "GET",
          `/sandbox/phones/${encodeURIComponent(phone.phone)}/messages`,
        ),
      );
      const texts = all.filter((m) => m.direction === "in").map((m) => m.text);
      return texts.length > 0 ? texts : undefined;
    });
    expect(received).toEqual(["Halo Citra, sebentar ya"]);
  }, 120_000);
});
