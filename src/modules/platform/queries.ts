/**
 * Statements of the platform module (issue 14, SaaS mode): platform admins and their
 * sessions, sign-up's new shop, and the console's reads across shops. The console reads
 * counts and billing rows only, never a shop's conversations, contacts, messages or orders.
 */
import { sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client.js";
import type { PackageRow, SubscriptionStatus } from "../billing/index.js";

/** A platform admin as the console shows it. */
export type PlatformAdmin = {
  id: string;
  email: string;
  name: string;
};

/** How many platform admins exist. */
export async function adminCount(db: Db): Promise<number> {
  const r = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM platform_admins`);
  return r.rows[0]?.n ?? 0;
}

/** Inserts a platform admin unless one has the e-mail. @returns its id, or null when the e-mail is taken */
export async function insertAdmin(
  db: Db,
  a: { email: string; name: string; passwordHash: string },
): Promise<string | null> {
  const r = await db.execute<{ id: string }>(sql`
    INSERT INTO platform_admins (email, name, password_hash) VALUES (${a.email}, ${a.name}, ${a.passwordHash})
    ON CONFLICT (email) DO NOTHING RETURNING id`);
  return r.rows[0]?.id ?? null;
}

/** The admin with this (lower-cased) e-mail and its password hash, or null. */
export async function adminByEmail(
  db: Db,
  email: string,
): Promise<(PlatformAdmin & { passwordHash: string }) | null> {
  const r = await db.execute<{ id: string; email: string; name: string; password_hash: string }>(
    sql`SELECT id, email, name, password_hash FROM platform_admins WHERE email = ${email}`,
  );
  const a = r.rows[0];
  return a ? { id: a.id, email: a.email, name: a.name, passwordHash: a.password_hash } : null;
}

/** Stores a platform session (its token's SHA-256) and drops expired ones. */
export async function insertPlatformSession(
  db: Db,
  s: { key: string; adminId: string; expiresAt: Date },
): Promise<void> {
  await db.execute(sql`INSERT INTO platform_sessions (token_hash, admin_id, expires_at)
    VALUES (${s.key}, ${s.adminId}, ${s.expiresAt.toISOString()})`);
  await db.execute(sql`DELETE FROM platform_sessions WHERE expires_at < now()`);
}

/** The admin of a live platform session, or null. */
export async function platformSessionAdmin(db: Db, key: string): Promise<PlatformAdmin | null> {
  const r = await db.execute<PlatformAdmin>(sql`
    SELECT a.id, a.email, a.name FROM platform_sessions s JOIN platform_admins a ON a.id = s.admin_id
    WHERE s.token_hash = ${key} AND s.expires_at > now()`);
  return r.rows[0] ?? null;
}

/** Ends a platform session (idempotent). */
export async function deletePlatformSession(db: Db, key: string): Promise<void> {
  await db.execute(sql`DELETE FROM platform_sessions WHERE token_hash = ${key}`);
}

/** Whether a shop's owner (active or not) signs in with this lower-cased e-mail. */
export async function ownerHasEmail(db: Db | Tx, email: string): Promise<boolean> {
  const r = await db.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM users WHERE email = ${email} AND role = 'owner'`,
  );
  return (r.rows[0]?.n ?? 0) > 0;
}

/** Serialises sign-ups with one e-mail until the transaction ends (an advisory lock on its hash). */
export async function lockEmail(tx: Tx, email: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`signup:${email}`}))`);
}

/**
 * Creates a shop as sign-up does: the tenant (Asia/Jakarta, the schema's defaults), its first
 * outlet named after it with the owner's WhatsApp number, and the owner (no temporary
 * password). @returns the ids
 */
export async function insertShop(
  tx: Tx,
  s: { shopName: string; ownerName: string; email: string; phone: string; passwordHash: string },
): Promise<{ tenantId: string; userId: string }> {
  const t = await tx.execute<{ id: string }>(
    sql`INSERT INTO tenants (name, time_zone) VALUES (${s.shopName}, 'Asia/Jakarta') RETURNING id`,
  );
  const tenantId = t.rows[0]!.id;
  await tx.execute(
    sql`INSERT INTO outlets (tenant_id, name, phone) VALUES (${tenantId}, ${s.shopName}, ${s.phone})`,
  );
  const u = await tx.execute<{ id: string }>(sql`
    INSERT INTO users (tenant_id, email, name, password_hash, role, must_change_password)
    VALUES (${tenantId}, ${s.email}, ${s.ownerName}, ${s.passwordHash}, 'owner', false) RETURNING id`);
  return { tenantId, userId: u.rows[0]!.id };
}

/** One shop of the console's list: billing state and counts, nothing of its customers. */
export interface ShopListRow {
  id: string;
  name: string;
  createdAt: Date;
  ownerEmail: string | null;
  status: SubscriptionStatus | null;
  package: { id: string; code: string; name: string } | null;
  periodEnd: Date | null;
  usage: {
    messagesUsed: number;
    messagesAllowance: number | null;
    topupLeft: number;
    numbers: number;
    staff: number;
    contacts: number;
  };
}

type RawShop = {
  id: string;
  name: string;
  created_at: string | Date;
  owner_email: string | null;
  status: SubscriptionStatus | null;
  package_id: string | null;
  package_code: string | null;
  package_name: string | null;
  period_end: string | Date | null;
  period_used: number | null;
  period_units: number | null;
  topup_left: number | null;
  numbers: number;
  staff: number;
  contacts: number;
};

const SHOP_SELECT = sql`
  SELECT t.id, t.name, t.created_at,
    (SELECT u.email FROM users u WHERE u.tenant_id = t.id AND u.role = 'owner' ORDER BY u.created_at LIMIT 1) AS owner_email,
    s.status, p.id AS package_id, p.code AS package_code, p.name AS package_name, s.period_end,
    q.period_used, q.period_units, q.topup_left,
    (SELECT count(*)::int FROM channels c WHERE c.tenant_id = t.id) AS numbers,
    (SELECT count(*)::int FROM users u WHERE u.tenant_id = t.id AND u.deactivated_at IS NULL) AS staff,
    (SELECT count(*)::int FROM contacts c WHERE c.tenant_id = t.id) AS contacts
  FROM tenants t
  LEFT JOIN subscriptions s ON s.tenant_id = t.id
  LEFT JOIN packages p ON p.id = s.package_id
  LEFT JOIN quota_balances q ON q.tenant_id = t.id`;

function toShop(r: RawShop): ShopListRow {
  return {
    id: r.id,
    name: r.name,
    createdAt: new Date(r.created_at),
    ownerEmail: r.owner_email,
    status: r.status,
    package:
      r.package_id && r.package_code && r.package_name
        ? { id: r.package_id, code: r.package_code, name: r.package_name }
        : null,
    periodEnd: r.period_end ? new Date(r.period_end) : null,
    usage: {
      messagesUsed: r.period_used ?? 0,
      messagesAllowance: r.period_units ?? null,
      topupLeft: r.topup_left ?? 0,
      numbers: r.numbers,
      staff: r.staff,
      contacts: r.contacts,
    },
  };
}

/**
 * Shops, newest first, 50 a page: `search` matches the shop's name or its owner's e-mail
 * (case-insensitive), `status` the subscription's. @returns the page and the count of matches
 */
export async function listShops(
  db: Db,
  f: { search?: string; status?: SubscriptionStatus; page: number; pageSize: number },
): Promise<{ shops: ShopListRow[]; total: number }> {
  const like = f.search ? `%${f.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const where = sql`WHERE TRUE
    ${like ? sql`AND (t.name ILIKE ${like} OR EXISTS (SELECT 1 FROM users o WHERE o.tenant_id = t.id AND o.role = 'owner' AND o.email ILIKE ${like}))` : sql``}
    ${f.status ? sql`AND s.status = ${f.status}` : sql``}`;
  const rows = await db.execute<RawShop>(sql`${SHOP_SELECT} ${where}
    ORDER BY t.created_at DESC, t.id LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`);
  const n = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM tenants t
    LEFT JOIN subscriptions s ON s.tenant_id = t.id ${where}`);
  return { shops: rows.rows.map(toShop), total: n.rows[0]?.n ?? 0 };
}

/** One shop of the console, or null. */
export async function shopById(db: Db, id: string): Promise<ShopListRow | null> {
  const r = await db.execute<RawShop>(sql`${SHOP_SELECT} WHERE t.id = ${id}`);
  return r.rows[0] ? toShop(r.rows[0]) : null;
}

/** The platform's totals: shops by status, revenue (paid, not refunded, rupiah), units used this month. */
export async function platformTotals(
  db: Db,
  monthStart: Date,
): Promise<{
  shops: Record<"total" | SubscriptionStatus, number>;
  revenue: { thisMonth: number; total: number };
  messagesThisMonth: number;
}> {
  const at = monthStart.toISOString();
  const r = await db.execute<Record<string, number>>(sql`
    SELECT (SELECT count(*)::int FROM tenants) AS total,
      (SELECT count(*)::int FROM subscriptions WHERE status = 'trialing') AS trialing,
      (SELECT count(*)::int FROM subscriptions WHERE status = 'active') AS active,
      (SELECT count(*)::int FROM subscriptions WHERE status = 'past_due') AS past_due,
      (SELECT count(*)::int FROM subscriptions WHERE status = 'expired') AS expired,
      (SELECT count(*)::int FROM subscriptions WHERE status = 'suspended') AS suspended,
      (SELECT coalesce(sum(gross_amount), 0)::bigint FROM payments WHERE status = 'paid' AND paid_at >= ${at}) AS revenue_month,
      (SELECT coalesce(sum(gross_amount), 0)::bigint FROM payments WHERE status = 'paid') AS revenue_total,
      (SELECT coalesce(sum(period_used + topup_used), 0)::bigint FROM quota_balances WHERE period_start >= ${at}) AS messages`);
  const x = r.rows[0] ?? {};
  const n = (k: string) => Number(x[k] ?? 0);
  return {
    shops: {
      total: n("total"),
      trialing: n("trialing"),
      active: n("active"),
      past_due: n("past_due"),
      expired: n("expired"),
      suspended: n("suspended"),
    },
    revenue: { thisMonth: n("revenue_month"), total: n("revenue_total") },
    messagesThisMonth: n("messages"),
  };
}

/** A payment as the console lists it (across shops). */
interface PlatformPaymentRow {
  id: string;
  orderId: string;
  kind: string;
  status: string;
  grossAmount: number;
  createdAt: Date;
  paidAt: Date | null;
  description: string;
  invoiceId: string | null;
  shopId: string;
  shopName: string;
}

/** The latest 200 payments of every shop, newest first, optionally of one status. */
export async function platformPayments(db: Db, status?: string): Promise<PlatformPaymentRow[]> {
  const r = await db.execute<{
    id: string;
    order_id: string;
    kind: string;
    status: string;
    gross_amount: number;
    created_at: string | Date;
    paid_at: string | Date | null;
    description: string | null;
    invoice_id: string | null;
    shop_id: string;
    shop_name: string;
  }>(sql`
    SELECT p.id, p.order_id, p.kind, p.status, p.gross_amount, p.created_at, p.paid_at,
      p.items->0->>'name' AS description,
      (SELECT i.id FROM invoices i WHERE i.payment_id = p.id LIMIT 1) AS invoice_id,
      t.id AS shop_id, t.name AS shop_name
    FROM payments p JOIN tenants t ON t.id = p.tenant_id
    ${status ? sql`WHERE p.status = ${status}` : sql``}
    ORDER BY p.created_at DESC, p.id LIMIT 200`);
  return r.rows.map((p) => ({
    id: p.id,
    orderId: p.order_id,
    kind: p.kind,
    status: p.status,
    grossAmount: p.gross_amount,
    createdAt: new Date(p.created_at),
    paidAt: p.paid_at ? new Date(p.paid_at) : null,
    description: p.description ?? p.kind,
    invoiceId: p.invoice_id,
    shopId: p.shop_id,
    shopName: p.shop_name,
  }));
}

/** A package's editable fields (billing's package without its id, and its place in lists). */
export type PackageFields = Omit<PackageRow, "id"> & { sort: number };

/** Whether another package than `exceptId` is the trial. */
export async function otherTrialExists(db: Db | Tx, exceptId: string | null): Promise<boolean> {
  const r = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM packages
    WHERE is_trial ${exceptId ? sql`AND id <> ${exceptId}` : sql``}`);
  return (r.rows[0]?.n ?? 0) > 0;
}

/** Inserts a package. @returns its id, or null when the code is taken */
export async function insertPackage(db: Db | Tx, p: PackageFields): Promise<string | null> {
  const r = await db.execute<{ id: string }>(sql`
    INSERT INTO packages (code, name, price_monthly, price_yearly, message_quota, numbers_limit, staff_limit,
      contacts_limit, modules, counts_agent_replies, is_trial, trial_days, active, sort)
    VALUES (${p.code}, ${p.name}, ${p.priceMonthly}, ${p.priceYearly}, ${p.messageQuota}, ${p.numbersLimit},
      ${p.staffLimit}, ${p.contactsLimit}, ${sql.param(p.modules)}::text[], ${p.countsAgentReplies}, ${p.isTrial},
      ${p.trialDays}, ${p.active}, ${p.sort})
    ON CONFLICT DO NOTHING RETURNING id`);
  return r.rows[0]?.id ?? null;
}

/** Changes a package (every field given). @returns false when it does not exist; @throws unique violation (23505) when the code is taken */
export async function updatePackage(db: Db | Tx, id: string, p: PackageFields): Promise<boolean> {
  const r = await db.execute(sql`
    UPDATE packages SET code = ${p.code}, name = ${p.name}, price_monthly = ${p.priceMonthly},
      price_yearly = ${p.priceYearly}, message_quota = ${p.messageQuota}, numbers_limit = ${p.numbersLimit},
      staff_limit = ${p.staffLimit}, contacts_limit = ${p.contactsLimit}, modules = ${sql.param(p.modules)}::text[],
      counts_agent_replies = ${p.countsAgentReplies}, is_trial = ${p.isTrial}, trial_days = ${p.trialDays},
      active = ${p.active}, sort = ${p.sort}
    WHERE id = ${id}`);
  return (r.rowCount ?? 0) > 0;
}

/** The sort order of a package (for the console's DTO). */
export async function packageSorts(db: Db): Promise<Map<string, number>> {
  const r = await db.execute<{ id: string; sort: number }>(sql`SELECT id, sort FROM packages`);
  return new Map(r.rows.map((x) => [x.id, x.sort]));
}

/** The shops on a package whose modules changed: their package-disabled modules are recomputed. */
export async function refreshPackageModules(db: Db | Tx, packageId: string, allModules: readonly string[]) {
  await db.execute(sql`
    UPDATE tenants t SET package_disabled_modules = ARRAY(
      SELECT m FROM unnest(${sql.param(allModules as string[])}::text[]) m WHERE NOT (m = ANY(p.modules)))
    FROM subscriptions s JOIN packages p ON p.id = s.package_id
    WHERE s.tenant_id = t.id AND p.id = ${packageId}`);
}

/** A top-up pack (units last until used; price rupiah). */
export type TopupPackRow = {
  id: string;
  code: string;
  name: string;
  units: number;
  price: number;
  active: boolean;
};

/** Every top-up pack, the offered ones first, cheapest first. */
export async function listTopupPacks(db: Db): Promise<TopupPackRow[]> {
  const r = await db.execute<TopupPackRow>(
    sql`SELECT id, code, name, units, price, active FROM topup_packs ORDER BY active DESC, price, code`,
  );
  return r.rows;
}

/** Inserts a top-up pack. @returns it, or null when the code is taken */
export async function insertTopupPack(db: Db, p: Omit<TopupPackRow, "id">): Promise<TopupPackRow | null> {
  const r = await db.execute<TopupPackRow>(sql`
    INSERT INTO topup_packs (code, name, units, price, active) VALUES (${p.code}, ${p.name}, ${p.units}, ${p.price}, ${p.active})
    ON CONFLICT DO NOTHING RETURNING id, code, name, units, price, active`);
  return r.rows[0] ?? null;
}

/** Changes a top-up pack. @returns it, or null when it does not exist; @throws unique violation when the code is taken */
export async function updateTopupPack(
  db: Db,
  id: string,
  p: Omit<TopupPackRow, "id">,
): Promise<TopupPackRow | null> {
  const r = await db.execute<TopupPackRow>(sql`
    UPDATE topup_packs SET code = ${p.code}, name = ${p.name}, units = ${p.units}, price = ${p.price}, active = ${p.active}
    WHERE id = ${id} RETURNING id, code, name, units, price, active`);
  return r.rows[0] ?? null;
}
