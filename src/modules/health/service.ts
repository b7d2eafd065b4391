import type { Db } from "../../db/client.js";
import { currentLease } from "../../channels/leases.js";
import { PACING_PRESETS, dailyCap, pacingPolicySchema } from "../../channels/pacing.js";
import type { ChannelStatus } from "../../channels/transport.js";
import type { Actor } from "../../lib/actor.js";
import { channelErrors } from "../channels/index.js";
import { sentCounts, tenantChannel } from "./queries.js";
import type { ChannelHealthDto } from "./schemas.js";

/**
 * Channel health for the owner and for operations: status, the process holding the live
 * connection (its lease), messages sent recently and the pacing caps they count against.
 */
export function createHealthService(db: Db) {
  return {
    /** Any role of the tenant may read it. @throws KabarError 404 (unknown, or another tenant's channel) */
    async channel(actor: Actor, channelId: string): Promise<ChannelHealthDto> {
      const row = await tenantChannel(db, actor.tenantId, channelId);
      if (!row) throw channelErrors.notFound();
      const [lease, sent] = await Promise.all([currentLease(db, row.id), sentCounts(db, row.id)]);
      const parsed = pacingPolicySchema.safeParse(row.pacing);
      const policy = parsed.success ? parsed.data : PACING_PRESETS.safe;
      return {
        status: row.status as ChannelStatus,
        since: row.statusSince.toISOString(),
        lastError: row.lastError,
        leaseHolder: lease?.holder ?? null,
        leaseExpiresAt: lease?.expiresAt.toISOString() ?? null,
        sent,
        caps: { perHour: policy.perHour, perDay: dailyCap(policy, row.createdAt.getTime(), Date.now()) },
      };
    },
  };
}
