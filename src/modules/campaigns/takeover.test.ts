import { describe, expect, it } from "vitest";
import type { Restrictions } from "../../channels/transport.js";
import type { PoolPeerRow } from "./queries/dispatch.js";
import { takeoverFrom } from "./takeover.js";

const NOW = Date.parse("2026-12-06T03:00:00Z");
const peer = (channel_id: string, over: Partial<PoolPeerRow> = {}): PoolPeerRow => ({
  channel_id,
  kind: "whatsapp_web",
  status: "connected",
  restrictions: null,
  ...over,
});
const capped: Restrictions = {
  cap: { state: "CAPPED", total: 20, used: 20, cycleEnd: NOW + 3_600_000 },
  at: NOW,
} as Restrictions;
const lockedUntil = (end: number): Restrictions =>
  ({ timelock: { active: true, endsAt: end }, at: NOW }) as Restrictions;

describe("what a number takes over from its pool", () => {
  it("takes everything from a stopped number, new chats from a capped or locked one", () => {
    const t = takeoverFrom(
      "whatsapp_web",
      [
        peer("banned", { status: "blocked" }),
        peer("unlinked", { status: "logged_out" }),
        peer("capped", { restrictions: capped }),
        peer("locked", { restrictions: lockedUntil(NOW + 60_000) }),
        peer("lock-over", { restrictions: lockedUntil(NOW - 1) }),
        peer("offline", { status: "disconnected" }),
        peer("fine"),
      ],
      NOW,
    );
    expect(t).toEqual({
      stopped: ["banned", "unlinked"],
      coldHeld: ["capped", "locked"],
      needsTemplate: false,
    });
  });

  it("a WhatsApp Web number never takes from a Cloud API number; a Cloud API number takes from both", () => {
    const peers = [
      peer("cloud", { kind: "cloud_api", status: "needs_token" }),
      peer("web", { status: "blocked" }),
    ];
    expect(takeoverFrom("sandbox", peers, NOW)).toEqual({
      stopped: ["web"],
      coldHeld: [],
      needsTemplate: false,
    });
    expect(takeoverFrom("cloud_api", peers, NOW)).toEqual({
      stopped: ["cloud", "web"],
      coldHeld: [],
      needsTemplate: true,
    });
  });
});
