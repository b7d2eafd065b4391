import type { Server } from "socket.io";
import type { Logger } from "pino";
import type { Actor } from "../lib/actor.js";
import type { Bus } from "../lib/bus.js";
import type { CampaignService } from "../modules/campaigns/index.js";
import {
  eventRoom,
  FORWARDED_EVENTS,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type SocketData,
} from "./protocol.js";
import { keyedThrottle } from "./throttle.js";

interface ForwardDeps {
  bus: Bus;
  campaigns: Pick<CampaignService, "get">;
  log: Logger;
  /** Least time between two progress events of one campaign (default 250 ms: ≤ 4/s). */
  progressIntervalMs?: number;
}

type Io = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** Reads a tenant's data for its own sockets: a viewer of that tenant (read-only). */
const readerOf = (tenantId: string): Actor => ({ tenantId, userId: null, role: "viewer" });

/**
 * Forwards bus events to the room of their tenant (never another's) whose sockets hold the
 * event's permission (EVENT_PERMISSIONS in protocol.ts). `campaign.progress`
 * is throttled per campaign and carries the campaign with fresh counts (the inbox announces
 * a reply as progress of the campaign it answered).
 * @returns a function that stops forwarding
 */
export function forwardBus(
  io: Io,
  { bus, campaigns, log, progressIntervalMs = 250 }: ForwardDeps,
): () => void {
  // Keyed by "tenant id/campaign id".
  const progress = keyedThrottle(
    progressIntervalMs,
    async (key) => {
      const [tenantId = "", campaignId = ""] = key.split("/");
      const campaign = await campaigns.get(readerOf(tenantId), campaignId);
      io.to(eventRoom("campaign.progress", tenantId)).emit("campaign.progress", { campaign });
    },
    (err, key) => log.warn({ err, campaign: key }, "could not send campaign progress"),
  );
  const campaignMoved = (tenantId: string, campaignId: string) =>
    progress.trigger(`${tenantId}/${campaignId}`);

  const offs = [
    bus.on("campaign.progress", ({ tenantId, campaignId }) => campaignMoved(tenantId, campaignId)),
    ...FORWARDED_EVENTS.map((event) =>
      bus.on(event, ({ tenantId, ...payload }: { tenantId: string }) => {
        // A status change also changes what the campaign shows: send its fresh state too.
        if (event === "campaign.status")
          campaignMoved(tenantId, (payload as { campaignId: string }).campaignId);
        (io.to(eventRoom(event, tenantId)).emit as (e: string, p: unknown) => boolean)(event, payload);
      }),
    ),
  ];
  return () => {
    for (const off of offs) off();
    progress.close();
  };
}
