/**
 * The estimate's split of an audience over a campaign's pool (issue 15, parts 3 and 4): the
 * snapshot's own rules (routing.ts) run over the audience without writing anything, so the
 * review step shows what starting now would do.
 */
import type { Db } from "../../db/client.js";
import type { CampaignRouting } from "./queries/campaigns.js";
import { poolWriters } from "../inbox/index.js";
import { audiencePage } from "./queries/audience.js";
import type { Audience } from "./queries/campaigns.js";
import { createSplitter, type PoolMember } from "./routing.js";

/** One number's share in the estimate. */
interface SplitShare {
  channelId: string;
  /** Recipients it would get (opted-out contacts not counted: they are skipped). */
  recipients: number;
  warm: number;
  newChats: number;
}

const PAGE = 5000;

/**
 * Splits the audience's contacts who did not opt out over `members` as the snapshot would
 * (pages of 5,000 in id order). @returns each member's share (in `members` order) and, for
 * pricing, the phones' first four digits → count of the recipients given to Cloud API members
 */
export async function estimatePoolSplit(
  db: Db,
  tenantId: string,
  audience: Audience,
  members: PoolMember[],
  routing: CampaignRouting,
  warmDays: number,
): Promise<{ split: SplitShare[]; cloudPrefixes: Map<string, number> }> {
  const shares = new Map<string, SplitShare>(
    members.map((m) => [m.channelId, { channelId: m.channelId, recipients: 0, warm: 0, newChats: 0 }]),
  );
  const cloud = new Set(members.filter((m) => m.rail === "cloud").map((m) => m.channelId));
  const cloudPrefixes = new Map<string, number>();
  const split = createSplitter(members, routing);
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const rows = await audiencePage(db, tenantId, audience, after, PAGE);
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    const live = rows.filter((c) => !c.opted_out);
    const writers = await poolWriters(db, {
      tenantId,
      channelIds: members.map((m) => m.channelId),
      contactIds: live.map((c) => c.id),
      days: warmDays,
    });
    for (const c of live) {
      const w = writers.get(c.id);
      const to = split({ wroteTo: w?.channelId ?? null, recent: w?.recent ?? false });
      const share = shares.get(to.channelId)!;
      share.recipients++;
      if (to.warm) share.warm++;
      else share.newChats++;
      if (cloud.has(to.channelId)) {
        const prefix = c.phone.replace(/^\+/, "").slice(0, 4);
        cloudPrefixes.set(prefix, (cloudPrefixes.get(prefix) ?? 0) + 1);
      }
    }
  }
  return { split: [...shares.values()], cloudPrefixes };
}
