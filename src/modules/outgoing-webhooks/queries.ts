/** Statements of the outgoing-webhooks module (owner of `webhook_endpoints`, `webhook_deliveries`, `webhook_attempts`). */
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client.js";
import { executeNamed } from "../../db/named.js";
import {
  webhookAttempts,
  webhookDeliveries,
  webhookEndpoints,
  type WebhookDeliveryStatus,
  type WebhookEvent,
} from "../../db/schema/index.js";

export type { WebhookEvent };

/** Db or an open transaction. */
type Exec = Db | Tx;

export type EndpointRow = typeof webhookEndpoints.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;
export type AttemptRow = typeof webhookAttempts.$inferSelect;

/** Inserts an endpoint (its id chosen by the caller: it seals the secret with it). */
export async function insertEndpoint(
  db: Exec,
  row: typeof webhookEndpoints.$inferInsert,
): Promise<EndpointRow> {
  const [r] = await db.insert(webhookEndpoints).values(row).returning();
  return r!;
}

/** The tenant's endpoints, newest first. */
export async function endpointsOf(db: Exec, tenantId: string): Promise<EndpointRow[]> {
  return db
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.tenantId, tenantId))
    .orderBy(desc(webhookEndpoints.createdAt), desc(webhookEndpoints.id));
}

/** One endpoint of the tenant, or null. */
export async function endpointById(db: Exec, tenantId: string, id: string): Promise<EndpointRow | null> {
  const [r] = await db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.id, id)));
  return r ?? null;
}

/** Changes the tenant's endpoint. @returns the row after the change, or null when the tenant has none */
export async function updateEndpoint(
  db: Exec,
  tenantId: string,
  id: string,
  set: Partial<typeof webhookEndpoints.$inferInsert>,
): Promise<EndpointRow | null> {
  const [r] = await db
    .update(webhookEndpoints)
    .set({ ...set, updatedAt: new Date() })
    .where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.id, id)))
    .returning();
  return r ?? null;
}

/** Removes the tenant's endpoint and its deliveries. @returns whether it existed */
export async function deleteEndpoint(db: Exec, tenantId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(webhookEndpoints)
    .where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.id, id)))
    .returning({ id: webhookEndpoints.id });
  return rows.length > 0;
}

/** An event to queue: its JSON body (sent as is) and what selects its endpoints. */
interface EventToQueue {
  tenantId: string;
  eventType: WebhookEvent;
  eventId: string;
  body: string;
  at: Date;
}

/**
 * Inserts one delivery per event and enabled endpoint of its shop subscribed to its type,
 * in ONE statement for the whole batch (`INSERT … SELECT … FROM webhook_endpoints`): a
 * shop with no such endpoint costs no more than this statement, which inserts nothing.
 * @returns the new deliveries' ids
 */
export async function insertEventDeliveries(db: Exec, events: EventToQueue[]): Promise<string[]> {
  if (events.length === 0) return [];
  const payload = JSON.stringify(
    events.map((e) => ({
      tenant_id: e.tenantId,
      event_type: e.eventType,
      event_id: e.eventId,
      body: e.body,
      at: e.at.toISOString(),
    })),
  );
  // A named prepared statement: planned once per connection (run in every new order's transaction).
  const r = await executeNamed<{ id: string }>(
    db,
    "webhook_deliveries_queue",
    sql`
    INSERT INTO webhook_deliveries (tenant_id, endpoint_id, event_id, event_type, body, created_at, retries_from)
    SELECT v.tenant_id, e.id, v.event_id, v.event_type, v.body, v.at, v.at
    FROM jsonb_to_recordset(${payload}::jsonb) AS v(tenant_id uuid, event_type text, event_id uuid, body text, at timestamptz)
    JOIN webhook_endpoints e ON e.tenant_id = v.tenant_id AND e.enabled AND v.event_type = ANY(e.events)
    RETURNING id`,
  );
  return r.rows.map((x) => x.id);
}

/** Inserts deliveries. @returns their ids, in the order given */
export async function insertDeliveries(
  db: Exec,
  rows: Array<typeof webhookDeliveries.$inferInsert>,
): Promise<string[]> {
  if (rows.length === 0) return [];
  const out = await db.insert(webhookDeliveries).values(rows).returning({ id: webhookDeliveries.id });
  return out.map((r) => r.id);
}

/** The endpoint's newest deliveries (at most `limit`) with their attempts, oldest attempt first. */
export async function deliveriesOf(
  db: Exec,
  tenantId: string,
  endpointId: string,
  limit: number,
): Promise<Array<DeliveryRow & { attemptRows: AttemptRow[] }>> {
  const rows = await db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.tenantId, tenantId), eq(webhookDeliveries.endpointId, endpointId)))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(limit);
  if (rows.length === 0) return [];
  const attempts = await db
    .select()
    .from(webhookAttempts)
    .where(
      inArray(
        webhookAttempts.deliveryId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(webhookAttempts.attemptedAt, webhookAttempts.id);
  return rows.map((r) => ({ ...r, attemptRows: attempts.filter((a) => a.deliveryId === r.id) }));
}

/** One delivery of the tenant's endpoint, or null. */
export async function deliveryOf(
  db: Exec,
  tenantId: string,
  endpointId: string,
  id: string,
): Promise<DeliveryRow | null> {
  const [r] = await db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.tenantId, tenantId),
        eq(webhookDeliveries.endpointId, endpointId),
        eq(webhookDeliveries.id, id),
      ),
    );
  return r ?? null;
}

/** A delivery with what sending it needs from its endpoint, or null. */
export async function deliveryToSend(
  db: Exec,
  id: string,
): Promise<{ delivery: DeliveryRow; endpoint: EndpointRow } | null> {
  const [r] = await db
    .select({ delivery: webhookDeliveries, endpoint: webhookEndpoints })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(eq(webhookDeliveries.id, id));
  return r ?? null;
}

/**
 * Takes the delivery's next attempt: counts it, if the delivery is pending and has made
 * exactly `expected` attempts (a stale or duplicate job takes nothing).
 * @returns whether this caller took it
 */
export async function claimAttempt(db: Exec, id: string, expected: number): Promise<boolean> {
  const rows = await db
    .update(webhookDeliveries)
    .set({ attempts: sql`${webhookDeliveries.attempts} + 1`, nextAttemptAt: null })
    .where(
      and(
        eq(webhookDeliveries.id, id),
        eq(webhookDeliveries.attempts, expected),
        eq(webhookDeliveries.status, "pending"),
      ),
    )
    .returning({ id: webhookDeliveries.id });
  return rows.length > 0;
}

/** How many attempts of the delivery were logged. */
export async function loggedAttempts(db: Exec, deliveryId: string): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(webhookAttempts)
    .where(eq(webhookAttempts.deliveryId, deliveryId));
  return r?.n ?? 0;
}

/** Logs one attempt. */
export async function insertAttempt(db: Exec, row: typeof webhookAttempts.$inferInsert): Promise<void> {
  await db.insert(webhookAttempts).values(row);
}

/** Sets a delivery's status and next retry. */
export async function setDelivery(
  db: Exec,
  id: string,
  set: { status: WebhookDeliveryStatus; nextAttemptAt: Date | null; retriesFrom?: Date },
): Promise<DeliveryRow> {
  const [r] = await db.update(webhookDeliveries).set(set).where(eq(webhookDeliveries.id, id)).returning();
  return r!;
}

/** A 2xx: the endpoint is no longer failing. */
export async function markEndpointAnswering(db: Exec, id: string): Promise<void> {
  await db.update(webhookEndpoints).set({ failingSince: null }).where(eq(webhookEndpoints.id, id));
}

/** A failed attempt at `at`. @returns since when the endpoint has been failing (the first failure since its last 2xx) */
export async function markEndpointFailing(db: Exec, id: string, at: Date): Promise<Date> {
  const [r] = await db
    .update(webhookEndpoints)
    .set({ failingSince: sql`coalesce(${webhookEndpoints.failingSince}, ${at.toISOString()}::timestamptz)` })
    .where(eq(webhookEndpoints.id, id))
    .returning({ failingSince: webhookEndpoints.failingSince });
  return r?.failingSince ?? at;
}

/** Turns a failing endpoint off. @returns whether it was on (so the owner is told once) */
export async function disableFailingEndpoint(db: Exec, id: string): Promise<boolean> {
  const rows = await db
    .update(webhookEndpoints)
    .set({ enabled: false, disabledReason: "failing", updatedAt: new Date() })
    .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.enabled, true)))
    .returning({ id: webhookEndpoints.id });
  return rows.length > 0;
}
