/**
 * Statements of the reminders module (the owner of `reminder_settings`, `order_reminders`
 * and `reminder_opt_outs`). Planning and the due list read the orders module's `orders` and
 * `order_lines`, the catalogue's `products`, `contacts` and the shop's time zone in
 * `tenants`, each in one statement (like the segments' scoring, DESIGN.md §3.4).
 */
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Actor } from "../../lib/actor.js";
import { outletInScope } from "../outlets/index.js";
import type { Db, Tx } from "../../db/client.js";
import {
  orderReminders,
  reminderOptOuts,
  reminderRunMessages,
  reminderSettings,
} from "../../db/schema/index.js";

type SettingsRow = typeof reminderSettings.$inferSelect;
/** What a shop may change of its settings. */
type SettingsPatch = Partial<Omit<SettingsRow, "tenantId" | "updatedAt" | "lastRunOn">>;

/** The shop's stored settings row; undefined when it never saved any (the defaults apply). */
export async function settingsRow(db: Db | Tx, tenantId: string): Promise<SettingsRow | undefined> {
  const [row] = await db.select().from(reminderSettings).where(eq(reminderSettings.tenantId, tenantId));
  return row;
}

/** Stores a change of the shop's settings (creating its row with the defaults first). */
export async function saveSettings(db: Db, tenantId: string, patch: SettingsPatch): Promise<void> {
  await db
    .insert(reminderSettings)
    .values({ tenantId, ...patch })
    .onConflictDoUpdate({ target: reminderSettings.tenantId, set: { ...patch, updatedAt: new Date() } });
}

/**
 * Plans reminders from completed orders: per customer and product (active, with a
 * consumption interval), the latest completion gives a reminder due on the shop-zone date
 * of completion + interval − lead days. A pending reminder of the same customer and
 * product is moved to it when its own source order completed earlier (one pending per
 * customer and product). With `orderId`, only that order (the hook); without, every
 * completed order, keeping the reminders due today or later (an older one is stale).
 * @returns how many reminders were planned or moved
 */
async function planFrom(db: Db | Tx, tenantId: string, orderId: string | null): Promise<number> {
  const only: SQL = orderId ? sql`o.id = ${orderId}` : sql`true`;
  const res = await db.execute(sql`
    INSERT INTO order_reminders (tenant_id, contact_id, product_id, order_id, due_on)
    SELECT tenant_id, contact_id, product_id, order_id, due_on FROM (
      SELECT DISTINCT ON (o.contact_id, l.product_id)
             o.tenant_id, o.contact_id, l.product_id, o.id AS order_id,
             (o.completed_at AT TIME ZONE t.time_zone)::date + p.consumption_days
               - coalesce(s.lead_days, 3) AS due_on,
             (now() AT TIME ZONE t.time_zone)::date AS today
      FROM orders o
      JOIN tenants t ON t.id = o.tenant_id
      LEFT JOIN reminder_settings s ON s.tenant_id = o.tenant_id
      JOIN order_lines l ON l.order_id = o.id
      JOIN products p ON p.id = l.product_id AND p.active AND p.consumption_days IS NOT NULL
      WHERE o.tenant_id = ${tenantId} AND o.status = 'completed'
        AND o.contact_id IS NOT NULL AND o.completed_at IS NOT NULL AND ${only}
      ORDER BY o.contact_id, l.product_id, o.completed_at DESC
    ) planned
    WHERE ${orderId ? sql`true` : sql`due_on >= today`}
    ON CONFLICT (tenant_id, contact_id, product_id) WHERE status IN ('planned', 'postponed')
    DO UPDATE SET order_id = excluded.order_id, due_on = excluded.due_on, status = 'planned',
                  reason = NULL, planned_at = now(), updated_at = now()
    WHERE order_reminders.order_id <> excluded.order_id
      AND coalesce((SELECT completed_at FROM orders WHERE id = order_reminders.order_id), '-infinity')
          <= (SELECT completed_at FROM orders WHERE id = excluded.order_id)`);
  return res.rowCount ?? 0;
}

/** Plans the reminders of one order that just completed, in its transaction. */
export function planOrder(tx: Tx, tenantId: string, orderId: string): Promise<number> {
  return planFrom(tx, tenantId, orderId);
}

/**
 * Plans reminders from every completed order of the shop, keeping only those due today or
 * later (a reminder that would have been due before today is stale).
 */
export function planHistory(db: Db, tenantId: string): Promise<number> {
  return planFrom(db, tenantId, null);
}

/** A pending reminder due by a date, with who and what, and why it would not be sent. */
interface DueRow {
  id: string;
  contactId: string;
  contactName: string | null;
  phone: string;
  productId: string;
  productName: string;
  orderId: string;
  dueOn: string;
  /** The contact opted out of everything (`contacts.opted_out`). */
  optedOut: boolean;
  /** The customer said STOP to reminders. */
  stopped: boolean;
  /** The customer ordered this product again after the source order (not draft, cancelled or returned). */
  reordered: boolean;
}

/**
 * Pending reminders of the shop due on or before `today` (`YYYY-MM-DD`), by customer then
 * product; with `viewer`, only those whose source order is of its outlets (issue 13).
 */
export async function dueRows(db: Db, tenantId: string, today: string, viewer?: Actor): Promise<DueRow[]> {
  const orderScope = viewer ? outletInScope(viewer, sql`src.outlet_id`) : sql`TRUE`;
  const rows = await db.execute<{
    id: string;
    contact_id: string;
    contact_name: string | null;
    phone: string;
    product_id: string;
    product_name: string;
    order_id: string;
    due_on: string;
    opted_out: boolean;
    stopped: boolean;
    reordered: boolean;
  }>(sql`
    SELECT r.id, r.contact_id, c.name AS contact_name, c.phone, r.product_id, p.name AS product_name,
           r.order_id, to_char(r.due_on, 'YYYY-MM-DD') AS due_on, c.opted_out,
           (x.contact_id IS NOT NULL) AS stopped,
           EXISTS (
             SELECT 1 FROM orders o2 JOIN order_lines l2 ON l2.order_id = o2.id
             WHERE o2.tenant_id = r.tenant_id AND o2.contact_id = r.contact_id
               AND l2.product_id = r.product_id AND o2.id <> r.order_id
               AND o2.status NOT IN ('draft', 'cancelled', 'returned')
               AND o2.placed_at > src.placed_at
           ) AS reordered
    FROM order_reminders r
    JOIN contacts c ON c.id = r.contact_id
    JOIN products p ON p.id = r.product_id
    JOIN orders src ON src.id = r.order_id
    LEFT JOIN reminder_opt_outs x ON x.tenant_id = r.tenant_id AND x.contact_id = r.contact_id
    WHERE r.tenant_id = ${tenantId} AND r.status IN ('planned', 'postponed') AND r.due_on <= ${today}::date
      AND ${orderScope}
    ORDER BY coalesce(c.name, c.phone), r.contact_id, p.name`);
  return rows.rows.map((r) => ({
    id: r.id,
    contactId: r.contact_id,
    contactName: r.contact_name,
    phone: r.phone,
    productId: r.product_id,
    productName: r.product_name,
    orderId: r.order_id,
    dueOn: r.due_on,
    optedOut: r.opted_out,
    stopped: r.stopped,
    reordered: r.reordered,
  }));
}

/** A product suggested to a customer, with its co-purchase score. */
interface SuggestionRow {
  contactId: string;
  productId: string;
  name: string;
  /** Rupiah. */
  price: number;
  /** How many of the shop's orders had it together with one of the customer's products. */
  score: number;
}

/**
 * Cross-sell for customers: products most often bought together with what each bought
 * (co-purchase counts over the shop's orders, not drafts or cancelled), active, not ones
 * the customer already bought; the best `limit` each (ties by name).
 */
export async function suggestionsFor(
  db: Db,
  tenantId: string,
  contactIds: readonly string[],
  limit: number,
): Promise<SuggestionRow[]> {
  if (contactIds.length === 0 || limit <= 0) return [];
  const rows = await db.execute<{
    contact_id: string;
    product_id: string;
    name: string;
    price: number;
    score: string;
  }>(sql`
    WITH bought AS (
      SELECT DISTINCT o.contact_id, l.product_id
      FROM orders o JOIN order_lines l ON l.order_id = o.id
      WHERE o.tenant_id = ${tenantId} AND o.status NOT IN ('draft', 'cancelled')
        AND o.contact_id = ANY(${sql.param(contactIds)}::uuid[])
        AND l.product_id IS NOT NULL
    ), pairs AS (
      SELECT a.product_id AS p, b.product_id AS q, count(DISTINCT a.order_id) AS n
      FROM order_lines a
      JOIN order_lines b ON b.order_id = a.order_id AND b.product_id <> a.product_id
      JOIN orders o ON o.id = a.order_id
      WHERE a.tenant_id = ${tenantId} AND o.status NOT IN ('draft', 'cancelled')
        AND a.product_id IN (SELECT product_id FROM bought)
      GROUP BY 1, 2
    ), scored AS (
      SELECT b.contact_id, pr.q AS product_id, sum(pr.n) AS score
      FROM bought b JOIN pairs pr ON pr.p = b.product_id
      WHERE NOT EXISTS (SELECT 1 FROM bought b2 WHERE b2.contact_id = b.contact_id AND b2.product_id = pr.q)
      GROUP BY 1, 2
    )
    SELECT contact_id, product_id, name, price, score FROM (
      SELECT s.contact_id, s.product_id, p.name, p.price, s.score,
             row_number() OVER (PARTITION BY s.contact_id ORDER BY s.score DESC, p.name) AS rank
      FROM scored s JOIN products p ON p.id = s.product_id AND p.active
    ) ranked
    WHERE rank <= ${limit}
    ORDER BY contact_id, rank`);
  return rows.rows.map((r) => ({
    contactId: r.contact_id,
    productId: r.product_id,
    name: r.name,
    price: r.price,
    score: Number(r.score),
  }));
}

/** Stops reminders to a customer (their reply STOP, or staff); a second time keeps the first. */
export async function insertOptOut(
  db: Db | Tx,
  tenantId: string,
  contactId: string,
  source: "reply" | "staff",
): Promise<void> {
  await db.insert(reminderOptOuts).values({ tenantId, contactId, source }).onConflictDoNothing();
}

/** The shop's reminders of a customer (newest plan first), for tests and the contact's view. */
export function remindersOfContact(db: Db, tenantId: string, contactId: string) {
  return db
    .select()
    .from(orderReminders)
    .where(and(eq(orderReminders.tenantId, tenantId), eq(orderReminders.contactId, contactId)))
    .orderBy(sql`${orderReminders.plannedAt} DESC`);
}

/** The campaign audience of a reminder run: joins its customers' messages (`rm`) to `contacts c`. */
export function reminderRunJoin(runId: string): SQL {
  return sql`JOIN reminder_run_messages rm ON rm.contact_id = c.id AND rm.run_id = ${runId}::uuid`;
}

/** A run's per-customer values ({{1}}, {{2}}, {{3}}), beside {@link reminderRunJoin}. */
export const reminderRunColumns: SQL = sql`rm.columns`;

/**
 * Claims the shop's daily run for `date` (`YYYY-MM-DD`, the shop's zone): true for the
 * first caller that day, false once it ran (two processes at once: one wins).
 */
export async function claimRunDay(tx: Tx, tenantId: string, date: string): Promise<boolean> {
  const res = await tx.execute(sql`
    INSERT INTO reminder_settings (tenant_id, last_run_on) VALUES (${tenantId}, ${date}::date)
    ON CONFLICT (tenant_id) DO UPDATE SET last_run_on = excluded.last_run_on
    WHERE reminder_settings.last_run_on IS DISTINCT FROM excluded.last_run_on`);
  return (res.rowCount ?? 0) > 0;
}

/** Gives a run's day back (its campaign could not start), so a later run that day sends it. */
export async function releaseRunDay(db: Db, tenantId: string, date: string): Promise<void> {
  await db.execute(
    sql`UPDATE reminder_settings SET last_run_on = NULL WHERE tenant_id = ${tenantId} AND last_run_on = ${date}::date`,
  );
}

/** Marks pending reminders skipped, each with its reason. */
export async function skipReminders(
  tx: Tx,
  tenantId: string,
  skipped: ReadonlyArray<{ reminderId: string; reason: string }>,
): Promise<void> {
  for (const s of skipped) {
    await tx.execute(sql`
      UPDATE order_reminders SET status = 'skipped', reason = ${s.reason}, updated_at = now()
      WHERE tenant_id = ${tenantId} AND id = ${s.reminderId} AND status IN ('planned', 'postponed')`);
  }
}

/** Rows of a run's messages per INSERT (4 parameters each, well under PostgreSQL's 65,535). */
const RUN_INSERT_ROWS = 5_000;

/**
 * Writes a run's messages (one per customer, with their column values) and marks their
 * reminders sent in that run at `sentAt`.
 */
export async function recordRun(
  tx: Tx,
  tenantId: string,
  runId: string,
  messages: ReadonlyArray<{ contactId: string; columns: string[]; reminderIds: string[] }>,
  sentAt: Date,
): Promise<void> {
  if (messages.length === 0) return;
  // In slices: one INSERT of 100,000 rows would pass PostgreSQL's 65,535 parameters.
  for (let i = 0; i < messages.length; i += RUN_INSERT_ROWS)
    await tx
      .insert(reminderRunMessages)
      .values(
        messages
          .slice(i, i + RUN_INSERT_ROWS)
          .map((m) => ({ runId, tenantId, contactId: m.contactId, columns: m.columns })),
      );
  const ids = messages.flatMap((m) => m.reminderIds);
  await tx.execute(sql`
    UPDATE order_reminders SET status = 'sent', run_id = ${runId}, sent_at = ${sentAt.toISOString()}::timestamptz, updated_at = now()
    WHERE tenant_id = ${tenantId} AND id = ANY(${sql.param(ids)}::uuid[])`);
}

/** Sets the campaign of a run's reminders once it started. */
export async function setRunCampaign(
  db: Db,
  tenantId: string,
  runId: string,
  campaignId: string,
): Promise<void> {
  await db.execute(
    sql`UPDATE order_reminders SET campaign_id = ${campaignId}, updated_at = now() WHERE tenant_id = ${tenantId} AND run_id = ${runId}`,
  );
}

/**
 * The shop's runs left by a process killed between a run's transaction and its campaign's
 * start: reminders marked `sent` in a run, no campaign recorded on them, untouched for
 * `staleMinutes` (a run under way elsewhere records its campaign within moments). With the
 * run's day in the shop's zone and the campaign already made for it, if any (its audience
 * names the run).
 */
export async function orphanRuns(
  db: Db,
  tenantId: string,
  staleMinutes: number,
): Promise<Array<{ runId: string; date: string; campaignId: string | null; campaignStatus: string | null }>> {
  const rows = await db.execute<{
    run_id: string;
    date: string;
    campaign_id: string | null;
    campaign_status: string | null;
  }>(sql`
    SELECT o.run_id, o.date, c.id AS campaign_id, c.status AS campaign_status
    FROM (
      SELECT r.run_id, to_char(min(r.sent_at) AT TIME ZONE t.time_zone, 'YYYY-MM-DD') AS date
      FROM order_reminders r JOIN tenants t ON t.id = r.tenant_id
      WHERE r.tenant_id = ${tenantId} AND r.status = 'sent' AND r.run_id IS NOT NULL AND r.campaign_id IS NULL
      GROUP BY r.run_id, t.time_zone
      HAVING max(r.updated_at) < now() - make_interval(mins => ${staleMinutes})) o
    LEFT JOIN LATERAL (
      SELECT id, status FROM campaigns
      WHERE tenant_id = ${tenantId} AND audience->>'type' = 'reminders' AND audience->>'runId' = o.run_id::text
      ORDER BY created_at LIMIT 1) c ON true
    ORDER BY o.date`);
  return rows.rows.map((r) => ({
    runId: r.run_id,
    date: r.date,
    campaignId: r.campaign_id,
    campaignStatus: r.campaign_status,
  }));
}

/** Undoes a run whose campaign could not start: its reminders are pending again, its messages gone. */
export async function undoRun(db: Db, tenantId: string, runId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      UPDATE order_reminders SET status = 'planned', run_id = NULL, sent_at = NULL, updated_at = now()
      WHERE tenant_id = ${tenantId} AND run_id = ${runId}`);
    await tx.execute(
      sql`DELETE FROM reminder_run_messages WHERE tenant_id = ${tenantId} AND run_id = ${runId}`,
    );
  });
}

/**
 * Shops whose daily run is on, with their zone, hour and last run day, in tenant id order.
 * A shop that switched off reminders or broadcast (reminders run as campaigns;
 * src/lib/modules.ts) is left out.
 */
export async function enabledShops(
  db: Db,
): Promise<Array<{ tenantId: string; timeZone: string; sendHour: number; lastRunOn: string | null }>> {
  const rows = await db.execute<{
    tenant_id: string;
    time_zone: string;
    send_hour: number;
    last_run_on: string | null;
  }>(sql`
    SELECT s.tenant_id, t.time_zone, s.send_hour, to_char(s.last_run_on, 'YYYY-MM-DD') AS last_run_on
    FROM reminder_settings s JOIN tenants t ON t.id = s.tenant_id
    WHERE s.enabled AND NOT (t.disabled_modules && ARRAY['reminders', 'broadcast']::text[])
    ORDER BY s.tenant_id`);
  return rows.rows.map((r) => ({
    tenantId: r.tenant_id,
    timeZone: r.time_zone,
    sendHour: r.send_hour,
    lastRunOn: r.last_run_on,
  }));
}

/** A customer's message as the reply handler sees it: its text and when it came. */
export async function replyOf(
  db: Db,
  tenantId: string,
  messageId: string,
): Promise<{ text: string | null; buttonId: string | null; at: Date } | undefined> {
  const rows = await db.execute<{ text: string | null; button_id: string | null; at: string }>(sql`
    SELECT m.text, m.button->>'id' AS button_id, m.created_at AS at FROM messages m
    WHERE m.tenant_id = ${tenantId} AND m.id = ${messageId}`);
  const r = rows.rows[0];
  return r && { text: r.text, buttonId: r.button_id, at: new Date(r.at) };
}

/** A reminder a customer was sent, with what to order again: the source order's line of that product. */
interface SentReminder {
  id: string;
  productId: string;
  orderId: string;
  sku: string;
  quantity: number;
  paymentMethod: string;
  channelId: string | null;
}

/**
 * The reminders of the customer's latest run sent since `since`: what a reply to it is
 * about (empty when they got none in that window).
 */
export async function lastSentReminders(
  db: Db,
  tenantId: string,
  contactId: string,
  since: Date,
): Promise<SentReminder[]> {
  const rows = await db.execute<{
    id: string;
    product_id: string;
    order_id: string;
    sku: string;
    quantity: number;
    payment_method: string;
    channel_id: string | null;
  }>(sql`
    WITH latest AS (
      SELECT run_id FROM order_reminders
      WHERE tenant_id = ${tenantId} AND contact_id = ${contactId} AND status = 'sent'
        AND sent_at >= ${since.toISOString()}::timestamptz
      ORDER BY sent_at DESC LIMIT 1
    )
    SELECT r.id, r.product_id, r.order_id, p.sku, coalesce(l.quantity, 1) AS quantity,
           o.payment_method, o.channel_id
    FROM order_reminders r
    JOIN latest ON latest.run_id = r.run_id
    JOIN products p ON p.id = r.product_id
    JOIN orders o ON o.id = r.order_id
    LEFT JOIN LATERAL (
      SELECT quantity FROM order_lines WHERE order_id = r.order_id AND product_id = r.product_id ORDER BY position LIMIT 1
    ) l ON true
    WHERE r.tenant_id = ${tenantId} AND r.contact_id = ${contactId} AND r.status = 'sent'
    ORDER BY p.name`);
  return rows.rows.map((r) => ({
    id: r.id,
    productId: r.product_id,
    orderId: r.order_id,
    sku: r.sku,
    quantity: r.quantity,
    paymentMethod: r.payment_method,
    channelId: r.channel_id,
  }));
}

/**
 * Plans the sent reminders again, due on `dueOn` (`postponed`); a customer and product that
 * already has a pending reminder (a newer purchase) keeps it.
 */
export async function postponeReminders(
  db: Db,
  tenantId: string,
  reminderIds: string[],
  dueOn: string,
): Promise<number> {
  const res = await db.execute(sql`
    INSERT INTO order_reminders (tenant_id, contact_id, product_id, order_id, due_on, status)
    SELECT tenant_id, contact_id, product_id, order_id, ${dueOn}::date, 'postponed'
    FROM order_reminders WHERE tenant_id = ${tenantId} AND id = ANY(${sql.param(reminderIds)}::uuid[])
    ON CONFLICT (tenant_id, contact_id, product_id) WHERE status IN ('planned', 'postponed') DO NOTHING`);
  return res.rowCount ?? 0;
}
