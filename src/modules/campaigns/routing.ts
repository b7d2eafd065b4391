/**
 * Which number of a campaign's pool sends to each recipient (issue 15, parts 3 and 4). Pure:
 * the snapshot (snapshot.ts) and the estimate's split (estimate.ts) run the same rules.
 *
 * - A customer who wrote to one of the pool's numbers gets the campaign from the number they
 *   last wrote to (the conversation continues where it is), while that number can send.
 * - `hybrid`: warm recipients go over the pool's WhatsApp Web / sandbox numbers (free, inside
 *   an existing relationship), cold ones (new chats) over its Cloud API numbers with the
 *   approved template.
 * - `weighted`: recipients are shared by weight × health score; new chats go only to numbers
 *   that may start new chats now (no second warning, cap or timelock) while any may.
 * Shares are dealt by smooth weighted round-robin, so the split is exact and interleaved
 * (weights 3 : 1 give A A B A, A A B A, …) and the same input always gives the same split.
 */
import type { CampaignRouting } from "./queries/campaigns.js";

/** A number of the pool as the split sees it. */
export interface PoolMember {
  channelId: string;
  /** The owner's weight, 1–100. */
  weight: number;
  /** `cloud`: a Cloud API number (sends the template); `web`: WhatsApp Web or sandbox. */
  rail: "web" | "cloud";
  /** Health score 0–100 (health module); scales the weight. */
  score: number;
  /** Connected, or merely disconnected for now: not banned, logged out or otherwise stopped. */
  usable: boolean;
  /** May start new chats now (WhatsApp Web: no second warning, cap or timelock; Cloud API: yes). */
  coldOk: boolean;
}

/** What the split knows of a recipient: the pool's number they last wrote to, and whether they wrote to the shop lately. */
interface RecipientWriter {
  /** The pool's number the contact last wrote to, or null. */
  wroteTo: string | null;
  /** Wrote to any of the shop's numbers within the shop's warm days. */
  recent: boolean;
}

/** The number a recipient gets, and whether that is a chat they already have with the shop (warm). */
interface Assignment {
  channelId: string;
  warm: boolean;
}

/** Smooth weighted round-robin over `members` (nginx's algorithm): deterministic, exact shares. */
class Dealer {
  private readonly current: number[];
  private readonly total: number;
  constructor(private readonly members: Array<{ channelId: string; share: number }>) {
    this.current = members.map(() => 0);
    this.total = members.reduce((s, m) => s + m.share, 0);
  }
  next(): string {
    let best = 0;
    for (let i = 0; i < this.members.length; i++) {
      this.current[i]! += this.members[i]!.share;
      if (this.current[i]! > this.current[best]!) best = i;
    }
    this.current[best]! -= this.total;
    return this.members[best]!.channelId;
  }
}

/** A member's share: its weight scaled by its health (a score of 0 still gets a sliver, so a lone sick number is used). */
const shareOf = (m: PoolMember) => m.weight * Math.max(m.score, 1);

/**
 * Builds the split of one campaign's recipients over `members` (at least one). The returned
 * function is stateful (it deals in turn): call it once per recipient, in the snapshot's
 * order.
 * @param routing `weighted` or `hybrid` (hybrid needs a `web` and a `cloud` member: the
 *   service checks that before the snapshot)
 */
export function createSplitter(
  members: PoolMember[],
  routing: CampaignRouting,
): (r: RecipientWriter) => Assignment {
  if (members.length === 0) throw new Error("a campaign's pool has at least one number");
  const usable = members.filter((m) => m.usable);
  const live = usable.length > 0 ? usable : members;
  const dealer = (pick: (m: PoolMember) => boolean) => {
    const chosen = live.filter(pick);
    return new Dealer(
      (chosen.length > 0 ? chosen : live).map((m) => ({ channelId: m.channelId, share: shareOf(m) })),
    );
  };
  const byId = new Map(live.map((m) => [m.channelId, m]));
  if (routing === "hybrid") {
    const warm = dealer((m) => m.rail === "web");
    const cold = dealer((m) => m.rail === "cloud");
    return (r) => {
      const own = r.wroteTo ? byId.get(r.wroteTo) : undefined;
      if (own) return { channelId: own.channelId, warm: true };
      return r.recent ? { channelId: warm.next(), warm: true } : { channelId: cold.next(), warm: false };
    };
  }
  const any = dealer(() => true);
  const cold = dealer((m) => m.coldOk);
  return (r) => {
    const own = r.wroteTo ? byId.get(r.wroteTo) : undefined;
    if (own) return { channelId: own.channelId, warm: true };
    return r.recent ? { channelId: any.next(), warm: true } : { channelId: cold.next(), warm: false };
  };
}
