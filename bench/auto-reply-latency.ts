/**
 * The auto-reply's decision latency, for `npm run bench:inbox -- --auto-reply-latency N`:
 * N customers each write "harga?" once, one after another (through `inbox.receive`, what a
 * channel's transport calls), to a shop with a keyword rule that answers it; for each, the
 * time from the message's stored time (`messages.created_at`, the time it was received) to
 * its `auto_reply_log` row (`created_at`, the decision's transaction). Both are the
 * database's clock, so the figure needs no polling precision. The reply's own delay (the
 * rule's 1 s at least) comes after the decision and is not counted.
 */
import type { Kabar } from "../src/kabar.js";
import type { Actor } from "../src/lib/actor.js";

/** How long one message may wait for its decision before the bench gives up, ms. */
const DECISION_TIMEOUT_MS = 30_000;

/**
 * Intake → auto-reply log row, ms, one figure per message (in order). Creates the rule
 * "Harga bench" (keyword `harga?`, cooldown 1 s) on the shop's first channel's tenant.
 * @throws Error when a decision takes longer than 30 s
 */
export async function measureAutoReplyLatency(
  kabar: Kabar,
  owner: Actor,
  messages: number,
): Promise<number[]> {
  const [channel] = await kabar.services.channels.list(owner);
  const target = { id: channel!.id, tenantId: owner.tenantId };
  await kabar.services.automation.create(owner, {
    name: "Harga bench",
    type: "keyword",
    channelId: null,
    config: { keywords: ["harga?"], mode: "contains", caseSensitive: false },
    reply: "Harga ada di katalog kak",
    priority: 90,
    enabled: true,
    cooldownSeconds: 1,
    delayMinSeconds: 1,
    delayMaxSeconds: 1,
  });
  const run = `${process.pid}-${Date.now()}`;
  const latencies: number[] = [];
  for (let i = 0; i < messages; i++) {
    const messageId = `latency-${run}-${i}`;
    await kabar.services.inbox.receive(target, {
      messageId,
      from: `+62817${String(10_000_000 + i).slice(-8)}`,
      profileName: `Penanya ${i}`,
      text: "harga? kak",
      at: Date.now(),
    });
    const until = Date.now() + DECISION_TIMEOUT_MS;
    for (;;) {
      const r = await kabar.database.pool.query<{ ms: number }>(
        `SELECT (extract(epoch FROM l.created_at - m.created_at) * 1000)::float8 AS ms
         FROM messages m JOIN auto_reply_log l ON l.message_id = m.id
         WHERE m.channel_id = $1 AND m.external_id = $2`,
        [target.id, messageId],
      );
      if (r.rows[0]) {
        latencies.push(r.rows[0].ms);
        break;
      }
      if (Date.now() > until) throw new Error(`no auto-reply decision for message ${i} within 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
  return latencies;
}
