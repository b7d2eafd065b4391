/**
 * Which auto-reply rule answers an incoming message (pure; unit-tested beside it).
 *
 * Order: priority (0–100) high to low; on a tie keyword > welcome > outside hours, then the
 * oldest rule, then the smaller id. A fallback answers only when no other rule matches,
 * whatever its priority. `opt_out` rules never answer here: the engine uses them only to
 * confirm an opt-out (see engine.ts).
 */
import type { KeywordConfig, MatchableRule } from "./rules.js";
import { isOpen } from "./working-hours.js";

/** What the matcher knows about the incoming message and its sender. */
export interface MatchContext {
  /** The message text (null for media without a caption). */
  text: string | null;
  channelId: string;
  /** The instant of the message (epoch ms). */
  at: number;
  /** IANA time zone of the shop. */
  timeZone: string;
  /** Epoch ms of the contact's previous incoming message to the shop, null if this is the first. */
  previousInboundAt: number | null;
}

const TYPE_RANK: Record<MatchableRule["type"], number> = {
  keyword: 0,
  welcome: 1,
  outside_hours: 2,
  fallback: 3,
  opt_out: 4,
};
const DAY_MS = 86_400_000;

/** Does `text` match a keyword rule's config? Whitespace around the text and keywords is ignored. */
export function matchesKeyword(config: KeywordConfig, text: string | null): boolean {
  if (text === null) return false;
  const norm = (s: string) => (config.caseSensitive ? s.trim() : s.trim().toLocaleLowerCase("id"));
  const t = norm(text);
  return config.keywords.some((k) => {
    const kw = norm(k);
    if (config.mode === "exact") return t === kw;
    if (config.mode === "starts_with") return t.startsWith(kw);
    return t.includes(kw);
  });
}

/** Does one rule (other than fallback/opt-out) match the message? */
function matches(rule: MatchableRule, ctx: MatchContext): boolean {
  switch (rule.type) {
    case "keyword":
      return matchesKeyword(rule.config, ctx.text);
    case "welcome":
      if (ctx.previousInboundAt === null) return true;
      return (
        rule.config.afterDays !== null && ctx.at - ctx.previousInboundAt >= rule.config.afterDays * DAY_MS
      );
    case "outside_hours":
      return !isOpen(rule.config, ctx.at, ctx.timeZone);
    default:
      return false;
  }
}

/** Rules in evaluation order (see the module comment). */
export function byPrecedence<R extends Pick<MatchableRule, "id" | "priority" | "type" | "createdAt">>(
  a: R,
  b: R,
): number {
  return (
    b.priority - a.priority ||
    TYPE_RANK[a.type] - TYPE_RANK[b.type] ||
    a.createdAt.getTime() - b.createdAt.getTime() ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** The rule that answers the message, or null. Rules for another channel are ignored. */
export function pickRule<R extends MatchableRule>(rules: readonly R[], ctx: MatchContext): R | null {
  const candidates = rules
    .filter((r) => r.channelId === null || r.channelId === ctx.channelId)
    .sort(byPrecedence);
  return candidates.find((r) => matches(r, ctx)) ?? candidates.find((r) => r.type === "fallback") ?? null;
}
