import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { OutboxRecorder } from '../src/modules/campaigns/recorder.js';
import { DEMO_LABEL } from '../src/modules/tenants/seed.js';
import { startTestKabar, type TestKabar } from './support/kabar.js';
import { waitFor } from './support/wait.js';

let k: TestKabar;
let channelId: string;
let campaignId: string;

beforeAll(async () => {
  k = await startTestKabar();
  channelId = (await k.services.channels.list(k.owner))[0]!.id;
  await k.services.channels.update(k.owner, channelId, { pacingPreset: 'off' });
  await waitFor(async () => ((await k.services.channels.get(k.owner, channelId)).status === 'connected' ? true : undefined));
  const c = await k.services.campaigns.create(k.owner, { name: 'Rekam', channelId, body: 'Halo', audience: { type: 'labels', labels: [DEMO_LABEL], match: 'any' } });
  campaignId = c.id;
  await k.services.campaigns.start(k.owner, c.id);
  await waitFor(async () => ((await k.services.campaigns.get(k.owner, c.id)).status === 'completed' ? true : undefined));
});
afterAll(async () => k?.close());

async function recipient(messageId: string) {
  const r = await k.database.db.execute<{ status: string; read_at: Date | null; n_messages: number }>(sql`
    SELECT r.status, r.read_at, (SELECT count(*)::int FROM messages m WHERE m.external_id = r.message_id) AS n_messages
    FROM campaign_recipients r WHERE r.message_id = ${messageId}`);
  return r.rows[0]!;
}

describe('OutboxRecorder receipts', () => {
  it('only move a recipient forward: a late "delivered" never undoes "read"', async () => {
    const [row] = (await k.database.db.execute<{ message_id: string }>(sql`
      SELECT message_id FROM campaign_recipients WHERE campaign_id = ${campaignId} AND status IN ('sent', 'delivered', 'read') LIMIT 1`)).rows;
    const rec = new OutboxRecorder(k.database.db, channelId, () => {}, (e) => { throw e; });
    rec.recordReceipt({ messageId: row!.message_id, status: 'read', at: Date.now() });
    await rec.idle();
    rec.recordReceipt({ messageId: row!.message_id, status: 'delivered', at: Date.now() });
    await rec.idle();
    expect((await recipient(row!.message_id)).status).toBe('read');
  });

  it('settle a recipient that a crash left pending: the receipt proves it arrived, so it is not sent again', async () => {
    const [row] = (await k.database.db.execute<{ message_id: string }>(sql`
      SELECT message_id FROM campaign_recipients WHERE campaign_id = ${campaignId} AND status IN ('sent', 'delivered', 'read') LIMIT 1 OFFSET 1`)).rows;
    // As after a crash between the network accepting the message and Kabar recording it.
    await k.database.db.execute(sql`UPDATE campaign_recipients SET status = 'pending', sent_at = NULL, delivered_at = NULL, read_at = NULL, next_attempt_at = now() + interval '1 hour' WHERE message_id = ${row!.message_id}`);
    await k.database.db.execute(sql`DELETE FROM messages WHERE external_id = ${row!.message_id}`);
    const rec = new OutboxRecorder(k.database.db, channelId, () => {}, (e) => { throw e; });
    rec.recordReceipt({ messageId: row!.message_id, status: 'read', at: Date.now() });
    await rec.idle();
    const after = await recipient(row!.message_id);
    expect(after.status).toBe('read');
    expect(after.read_at).not.toBeNull();
    expect(after.n_messages).toBe(1);
  });
});
