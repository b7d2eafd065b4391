/**
 * A number's restrictions as WhatsApp imposes them in 2026 (issue 15), played by the
 * sandbox: when a sandbox number connects, Kabar reads its new-chat cap and reach-out
 * timelock, keeps them on the channel (`channels.restrictions`) and tells the shop's
 * screens (`channel.restrictions`); the sandbox's faults change them, and bad fault values
 * are a 400 naming the field.
 */
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Restrictions } from "../src/channels/transport.js";
import { channels } from "../src/db/schema/index.js";
import type { ChannelDto } from "../src/modules/channels/schemas.js";
import { apiClient, errorOf, ok, type Api } from "./support/api.js";
import { connectedSandboxChannel } from "./support/channels.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { connected, socketRecorder, type Recorded } from "./support/sockets.js";
import { waitFor } from "./support/wait.js";

let k: TestKabar;
let api: Api;
let url: string;
let owner: Recorded;
let channel: ChannelDto;
const recorder = socketRecorder(() => url);

beforeAll(async () => {
  // 0.01: a cap cycle lasts 864 s, far longer than the test, so a fault's cap stays.
  k = await startTestKabar(
    { HOST: "127.0.0.1", PORT: "0", KABAR_SANDBOX_TIME_SCALE: "0.01" },
    { listen: true },
  );
  url = `http://127.0.0.1:${(k.http!.server.address() as AddressInfo).port}`;
  api = apiClient(k.http!, { cookie: k.cookie });
  owner = recorder.open({ cookie: k.cookie });
  await connected(owner.socket);
  channel = await connectedSandboxChannel(api, "Toko Restriksi");
});
afterAll(async () => {
  recorder.closeAll();
  await k?.close();
});

/** The channel's stored restrictions once `accept` says they are the ones awaited. */
function untilStored(accept: (r: Restrictions) => boolean): Promise<Restrictions> {
  return waitFor(async () => {
    const [row] = await k.database.db
      .select({ restrictions: channels.restrictions })
      .from(channels)
      .where(eq(channels.id, channel.id));
    return row?.restrictions && accept(row.restrictions) ? row.restrictions : undefined;
  });
}

/** The `channel.restrictions` events the owner's screen received for the channel. */
const pushed = () =>
  owner.events
    .filter((e) => e.name === "channel.restrictions")
    .map((e) => e.payload as { channelId: string; restrictions: Restrictions })
    .filter((p) => p.channelId === channel.id);

const fault = (body: unknown) => api("POST", `/sandbox/channels/${channel.id}/faults`, body);

describe("a sandbox number's restrictions", () => {
  it("are read when the number connects and kept on the channel", async () => {
    const stored = await untilStored(() => true);
    expect(stored).toEqual({ cap: { state: "NONE" }, timelock: { active: false }, at: expect.any(Number) });
  });

  it("follow the sandbox's cap and timelock faults, on the channel and on the shop's screens", async () => {
    await ok(fault({ type: "cap", state: "CAPPED", total: 20 }), 204);
    const capped = await untilStored((r) => r.cap?.state === "CAPPED");
    expect(capped.cap).toMatchObject({ state: "CAPPED", total: 20, used: 20 });
    expect(capped.cap!.cycleEnd! - capped.cap!.cycleStart!).toBe(24 * 60 * 60 * 1_000 * 0.01);
    await waitFor(async () =>
      pushed().some((p) => p.restrictions.cap?.state === "CAPPED") ? true : undefined,
    );

    await ok(fault({ type: "timelock", minutes: 60 * 24 * 7 }), 204);
    const locked = await untilStored((r) => r.timelock?.active === true);
    expect(locked.timelock).toEqual({ active: true, endsAt: expect.any(Number), type: "BIZ_QUALITY" });
    expect(locked.timelock!.endsAt! - locked.at).toBeGreaterThan(0);
    await waitFor(async () => (pushed().some((p) => p.restrictions.timelock?.active) ? true : undefined));

    await ok(fault({ type: "unlock" }), 204);
    const unlocked = await untilStored((r) => r.timelock?.active === false);
    expect(unlocked.cap?.state).toBe("CAPPED");
    await waitFor(async () => (pushed().at(-1)?.restrictions.timelock?.active === false ? true : undefined));
  });

  it("refuses bad fault values with a 400 naming the field", async () => {
    const cases: Array<[unknown, string]> = [
      [{ type: "cap", total: 0 }, "total"],
      [{ type: "cap", state: "BANNED" }, "state"],
      [{ type: "cap", total: 10, used: 11 }, "used"],
      [{ type: "cap", state: "CAPPED", used: 3 }, "state"],
      [{ type: "cap", used: -1 }, "used"],
      [{ type: "timelock", minutes: 0 }, "minutes"],
      [{ type: "timelock" }, "minutes"],
    ];
    for (const [body, field] of cases) {
      const r = await fault(body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(errorOf(r).fields ?? {}), JSON.stringify(body)).toContain(field);
    }
    // More used than the cycle's cap (20, set above) is only known to the number itself.
    const r = await fault({ type: "cap", used: 500 });
    expect(r.status).toBe(400);
    expect(errorOf(r)).toMatchObject({
      code: "sandbox_cap_used_above_total",
      fields: { used: expect.any(String) },
    });
  });
});

describe("the sandbox's memory of who wrote first", () => {
  it("knows when each phone first wrote to a number, and nothing of phones that never did", async () => {
    const phones = await ok(api<Array<{ phone: string; onWhatsApp: boolean }>>("GET", "/sandbox/phones"));
    const [writer, silent] = phones.filter((p) => p.onWhatsApp);
    const before = Date.now();
    await ok(
      api("POST", `/sandbox/phones/${encodeURIComponent(writer!.phone)}/messages`, {
        channelId: channel.id,
        text: "Halo, masih buka?",
      }),
    );
    const first = await k.sandboxStore.firstMessagesFrom({ id: channel.id, phone: channel.phone! }, [
      writer!.phone,
      silent!.phone,
    ]);
    expect([...first.keys()]).toEqual([writer!.phone]);
    expect(first.get(writer!.phone)).toBeGreaterThanOrEqual(before);
  });
});
