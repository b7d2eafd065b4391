import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { testRecorder } from "./support/drops.js";
import { DEMO_LABEL } from "../src/modules/tenants/seed.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { waitFor } from "./support/wait.js";
import { recordSentBatch } from "../src/modules/campaigns/queries/recorder.js";
import { markOutgoingSent } from "../src/modules/inbox/queries/outgoing.js";

let k: TestKabar;
let channelId: string;
let campaignId: string;

beforeAll(async () => {
  k = await startTestKabar();
  channelId = (await k.services.channels.list(k.owner))[0]!.id;
  await k.services.channels.update(k.owner, channelId, { pacingPreset: "off" });
  await waitFor(async () =>
    (await k.services.channels.get(k.owner, channelId)).status === "connected" ? true : undefined,
  );
  const c = await k.services.campaigns.create(k.owner, {
    name: "Rekam",
    channelId,
    body: "Halo",
    audience: { type: "labels", labels: [DEMO_LABEL], match: "any" },
  });
  campaignId = c.id;
  await k.services.campaigns.start(k.owner, c.id);
  await waitFor(async () =>
    (await k.services.campaigns.get(k.owner, c.id)).status === "completed" ? true : undefined,
  );
});
afterAll(async () => k?.close());

async function recipient(messageId: string) {
  const r = await k.database.db.execute<{ status: string; read_at: Date | null; n_messages: number }>(sql`
    SELECT r.status, r.read_at, (SELECT count(*)::int FROM messages m WHERE m.external_id = r.message_id) AS n_messages
    FROM campaign_recipients r WHERE r.message_id = ${messageId}`);
  return r.rows[0]!;
}

describe("OutboxRecorder receipts", () => {
  it('only move a recipient forward: a late "delivered" never undoes "read"', async () => {
    const [row] = (
      await k.database.db.execute<{ message_id: string }>(sql`
      SELECT message_id FROM campaign_recipients WHERE campaign_id = ${campaignId} AND status IN ('sent', 'delivered', 'read') LIMIT 1`)
    ).rows;
    const rec = testRecorder(k, channelId);
    rec.recordReceipt({ messageId: row!.message_id, status: "read", at: Date.now() });
    await rec.idle();
    rec.recordReceipt({ messageId: row!.message_id, status: "delivered", at: Date.now() });
    await rec.idle();
    expect((await recipient(row!.message_id)).status).toBe("read");
  });

  it("settle a recipient that a crash left pending: the receipt proves it arrived, so it is not sent again", async () => {
    const [row] = (
      await k.database.db.execute<{ message_id: string }>(sql`
      SELECT message_id FROM campaign_recipients WHERE campaign_id = ${campaignId} AND status IN ('sent', 'delivered', 'read') LIMIT 1 OFFSET 1`)
    ).rows;
    // As after a crash between the network accepting the message and Kabar recording it.
    await k.database.db.execute(
      sql`UPDATE campaign_recipients SET status = 'pending', sent_at = NULL, delivered_at = NULL, read_at = NULL, next_attempt_at = now() + interval '1 hour' WHERE message_id = ${row!.message_id}`,
    );
    await k.database.db.execute(sql`DELETE FROM messages WHERE external_id = ${row!.message_id}`);
    const rec = testRecorder(k, channelId);
    rec.recordReceipt({ messageId: row!.message_id, status: "read", at: Date.now() });
    await rec.idle();
    const after = await recipient(row!.message_id);
    expect(after.status).toBe("read");
    expect(after.read_at).not.toBeNull();
    expect(after.n_messages).toBe(1);
  });

  it("fail a recipient when the network refuses a message it had accepted, but never one already delivered", async () => {
    const rows = (
      await k.database.db.execute<{ message_id: string; status: string }>(sql`
      SELECT message_id, status FROM campaign_recipients WHERE campaign_id = ${campaignId} AND status IN ('delivered', 'read') LIMIT 2 OFFSET 2`)
    ).rows;
    const sentOne = rows[0]!;
    const deliveredOne = rows[1]!;
    await k.database.db.execute(
      sql`UPDATE campaign_recipients SET status = 'sent' WHERE message_id = ${sentOne.message_id}`,
    );
    await k.database.db.execute(
      sql`UPDATE messages SET status = 'sent' WHERE external_id = ${sentOne.message_id}`,
    );
    const rec = testRecorder(k, channelId);
    for (const m of [sentOne, deliveredOne]) {
      rec.recordReceipt({
        messageId: m.message_id,
        status: "failed",
        at: Date.now(),
        error: { code: "131026", reason: "Message undeliverable" },
      });
    }
    await rec.idle();
    const failed = await k.database.db.execute<{
      status: string;
      failure_code: string | null;
      failure_reason: string | null;
      msg_status: string;
      msg_error: string | null;
    }>(sql`
      SELECT r.status, r.failure_code, r.failure_reason, m.status AS msg_status, m.error AS msg_error
      FROM campaign_recipients r JOIN messages m ON m.external_id = r.message_id WHERE r.message_id = ${sentOne.message_id}`);
    expect(failed.rows[0]).toEqual({
      status: "failed",
      failure_code: "131026",
      failure_reason: "Message undeliverable",
      msg_status: "failed",
      msg_error: "Message undeliverable",
    });
    expect((await recipient(deliveredOne.message_id)).status).not.toBe("failed");
  });

  it("hold a receipt that comes before its message's network id is written (Meta may post a status before answering the send) and write it once the id is there", async () => {
    const [m] = (
      await k.database.db.execute<{ id: string }>(sql`
      INSERT INTO messages (tenant_id, channel_id, contact_id, direction, external_id, text, status)
      SELECT tenant_id, ${channelId}, id, 'out', '3EB0EARLYRECEIPT000001', 'Siap kak', 'pending'
      FROM contacts WHERE tenant_id = ${k.owner.tenantId} LIMIT 1
      RETURNING id`)
    ).rows;
    const rec = testRecorder(k, channelId);
    rec.recordReceipt({ messageId: "wamid.EARLYRECEIPT", status: "delivered", at: Date.now() });
    await rec.idle();
    const status = async () =>
      (await k.database.db.execute<{ status: string }>(sql`SELECT status FROM messages WHERE id = ${m!.id}`))
        .rows[0]!.status;
    expect(await status()).toBe("pending");
    await markOutgoingSent(k.database.db, m!.id, "wamid.EARLYRECEIPT");
    await waitFor(async () => ((await status()) === "delivered" ? true : undefined));
    rec.dropStrays();
  });
});

describe("OutboxRecorder outcomes", () => {
  it("record the network's own message id (Cloud API wamid) on the recipient and the message, so receipts find them", async () => {
    const c = await k.services.campaigns.create(k.owner, {
      name: "Wamid",
      channelId,
      body: "Halo",
      audience: { type: "labels", labels: [DEMO_LABEL], match: "any" },
    });
    // A recipient as the dispatcher leaves it just before the send.
    await k.database.db.execute(sql`
      INSERT INTO campaign_recipients (tenant_id, campaign_id, channel_id, contact_id, phone, text, message_id, status, attempts)
      SELECT tenant_id, ${c.id}, ${c.channelId}, id, phone, 'Halo', '3EB0WAMIDTEST000000001', 'sending', 1 FROM contacts WHERE tenant_id = ${k.owner.tenantId} LIMIT 1`);
    const [{ id }] = (
      await k.database.db.execute<{ id: string }>(
        sql`SELECT id FROM campaign_recipients WHERE message_id = '3EB0WAMIDTEST000000001'`,
      )
    ).rows as [{ id: string }];
    const rec = testRecorder(k, channelId);
    rec.recordSent({ recipientId: Number(id), at: Date.now(), networkId: "wamid.HBgNNjI4MTIzNDU2Nzg5MA==" });
    await rec.outcomesWritten();
    rec.recordReceipt({ messageId: "wamid.HBgNNjI4MTIzNDU2Nzg5MA==", status: "read", at: Date.now() });
    await rec.idle();
    const r = await recipient("wamid.HBgNNjI4MTIzNDU2Nzg5MA==");
    expect(r).toMatchObject({ status: "read", n_messages: 1 });
  });

  it("send again a copy put back to pending (WhatsApp refused it late): the same thread message says sent, once, even when a batch names it twice", async () => {
    const [row] = (
      await k.database.db.execute<{ id: string; message_id: string }>(sql`
      SELECT id, message_id FROM campaign_recipients WHERE campaign_id = ${campaignId} AND status IN ('sent', 'delivered', 'read') LIMIT 1 OFFSET 4`)
    ).rows;
    // As after a late 463 (the copy back to pending) and the recipient claimed again.
    await k.database.db.execute(
      sql`UPDATE campaign_recipients SET status = 'sending', sent_at = NULL WHERE id = ${row!.id}`,
    );
    await k.database.db.execute(
      sql`UPDATE messages SET status = 'pending', error = 'refused (test)' WHERE external_id = ${row!.message_id}`,
    );
    const at = Date.UTC(2026, 11, 6, 9);
    await recordSentBatch(k.database.db, channelId, [
      { recipientId: Number(row!.id), at },
      { recipientId: Number(row!.id), at },
    ]);
    const copies = await k.database.db.execute<{ status: string; error: string | null; at: number }>(
      sql`SELECT status, error, (extract(epoch FROM created_at) * 1000)::float8 AS at FROM messages WHERE external_id = ${row!.message_id}`,
    );
    // Sent when it was sent again (the thread places it there).
    expect(copies.rows).toEqual([{ status: "sent", error: null, at }]);
    expect((await recipient(row!.message_id)).status).toBe("sent");
  });
});
