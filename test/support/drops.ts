/**
 * Campaign outcomes written straight into the outbox for the delivery ledger's tests
 * (suspected drops, resend through another number) and the recorder's: a finished
 * campaign whose recipients were handed to the network and never got a receipt, and a
 * recorder that fails the test on a write error.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { OutboxRecorder } from "../../src/modules/campaigns/recorder.js";
import type { CreateCampaignInput } from "../../src/modules/campaigns/schemas.js";
import type { TestKabar } from "./kabar.js";

/** A fixed past instant the seeded recipients were "sent" at (2026-12-01 03:00 UTC, epoch ms). */
export const SENT_AT = Date.parse("2026-12-01T03:00:00Z");

/**
 * A finished campaign on `channelId` whose first `n` contacts (not opted out, by id) were
 * handed to the network at `sentAt` (epoch ms) and have no receipt yet (status `sent`), as
 * a silent drop leaves them. `campaign` overrides the created campaign's fields.
 * @returns the campaign id and its recipients' contact and message ids
 */
export async function sentCampaign(
  k: TestKabar,
  channelId: string,
  n: number,
  opts: { sentAt?: number; campaign?: Partial<CreateCampaignInput> } = {},
) {
  const sentAt = new Date(opts.sentAt ?? SENT_AT).toISOString();
  const c = await k.services.campaigns.create(k.owner, {
    name: `Promo ${randomUUID().slice(0, 8)}`,
    channelId,
    body: "Halo",
    audience: { type: "all" },
    ...opts.campaign,
  });
  await k.database.db.execute(
    sql`UPDATE campaigns SET status = 'completed', started_at = ${sentAt}, finished_at = now() WHERE id = ${c.id}`,
  );
  const r = await k.database.db.execute<{ contact_id: string; message_id: string }>(sql`
    INSERT INTO campaign_recipients (tenant_id, campaign_id, channel_id, contact_id, phone, text, message_id, status, sent_at)
    SELECT c.tenant_id, ${c.id}::uuid, ${c.channelId}::uuid, c.id, c.phone, 'Halo', 'DROP' || md5(random()::text), 'sent', ${sentAt}::timestamptz
    FROM (SELECT * FROM contacts WHERE tenant_id = ${k.owner.tenantId} AND NOT opted_out ORDER BY id LIMIT ${n}) c
    RETURNING contact_id, message_id`);
  return { id: c.id, recipients: r.rows };
}

/** An outbox recorder for `channelId` that rethrows any write error (the test fails on it). */
export function testRecorder(k: Pick<TestKabar, "database">, channelId: string): OutboxRecorder {
  return new OutboxRecorder(
    k.database.db,
    channelId,
    () => {},
    (e) => {
      throw e;
    },
  );
}
