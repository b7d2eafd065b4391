/**
 * The "is the other side a bot?" heuristic (pure). A person needs more than a couple of
 * seconds to read an auto-reply and type an answer; another bot (a second shop's
 * auto-reply, an echo service) answers at once. When the contact's first message after
 * each of our last BOT_STREAK auto-replies came within BOT_ANSWER_MS of that reply, we
 * stop auto-replying to the contact (logged `suspected_bot`) for the matched rule's
 * cooldown, at least BOT_PAUSE_MIN_SECONDS.
 */

/** An answer faster than this after our auto-reply (ms) is not typed by a person. */
const BOT_ANSWER_MS = 2_000;
/** How many of our latest auto-replies in a row must have been answered that fast. */
export const BOT_STREAK = 2;
/** The shortest pause of auto-replies to a suspected bot, seconds. */
export const BOT_PAUSE_MIN_SECONDS = 3_600;

/** One of our auto-replies to the contact and the contact's first message after it (epoch ms). */
export interface ReplyAnswer {
  sentAt: number;
  answeredAt: number | null;
}

/** True when the latest BOT_STREAK auto-replies (latest first) were all answered within BOT_ANSWER_MS. */
export function looksLikeBot(latestFirst: readonly ReplyAnswer[]): boolean {
  const streak = latestFirst.slice(0, BOT_STREAK);
  return (
    streak.length === BOT_STREAK &&
    streak.every((r) => r.answeredAt !== null && r.answeredAt - r.sentAt < BOT_ANSWER_MS)
  );
}
