/**
 * The platform console's verbs (issue 14, SaaS mode; docs/billing.md "Platform console"):
 * shops with their billing state and usage counts, suspend / resume, packages, top-up packs,
 * payments across shops and the platform's totals. Callers are platform admins (the HTTP
 * layer checks the platform session); every verb is logged with the admin's id, never a
 * secret. The console reads counts, never a shop's conversations, contacts, messages or orders.
 */
import type { Logger } from "pino";
import type { Db } from "../../db/client.js";
import { kabarActor } from "../../lib/actor.js";
import { KABAR_MODULES } from "../../lib/modules.js";
import { recordAudit } from "../audit/index.js";
import { tenantTimeZone } from "../tenants/index.js";
import {
  type BillingService,
  grantPackage,
  listPackages,
  type PackageRow,
  resumeSubscription,
  type SubscriptionStatus,
  suspendSubscription,
} from "../billing/index.js";
import { platformErrors } from "./errors.js";
import {
  insertPackage,
  insertTopupPack,
  listShops,
  listTopupPacks,
  otherTrialExists,
  type PackageFields,
  packageSorts,
  platformPayments,
  platformTotals,
  refreshPackageModules,
  shopById,
  type ShopListRow,
  type TopupPackRow,
  updatePackage,
  updateTopupPack,
} from "./queries.js";

/** Shops listed per page of the console. */
const PAGE_SIZE = 50;

/** A package as the console shows and edits it (PackageDto + active, sort, trialDays). */
type ConsolePackage = PackageRow & { sort: number };

const isUniqueViolation = (err: unknown) => (err as { code?: string } | null)?.code === "23505";

/** What the console tells a shop it suspended or resumed (the notifications service's `notify`). */
type TellShop = (n: {
  tenantId: string;
  kind: "shop_suspended" | "shop_resumed";
  severity: "error" | "info";
  reason: string | null;
}) => Promise<unknown>;

/**
 * The console's verbs; `who` is the acting platform admin's id (for the log). A suspension
 * and a resumption are told to the shop (`tell`: a notification for its people) and written
 * in its audit log (by "Kabar", in the change's transaction).
 */
export function createPlatformConsole(
  db: Db,
  billing: Pick<BillingService, "now">,
  graceDays: number,
  log?: Pick<Logger, "info" | "warn">,
  tell?: TellShop,
) {
  /** Tells the shop; a failure to tell is logged, never undoes the committed change. */
  const telling = async (n: Parameters<TellShop>[0]) => {
    await tell?.(n).catch((err: unknown) => log?.warn({ err, shopId: n.tenantId }, "telling a shop failed"));
  };
  const packages = async (): Promise<ConsolePackage[]> => {
    const [rows, sorts] = await Promise.all([listPackages(db), packageSorts(db)]);
    return rows.map((p) => ({ ...p, sort: sorts.get(p.id) ?? 0 }));
  };
  const onePackage = async (id: string) => {
    const p = (await packages()).find((x) => x.id === id);
    if (!p) throw platformErrors.packageNotFound();
    return p;
  };
  /** @throws 409 `one_trial_package` when another package is the trial */
  const checkTrial = async (fields: PackageFields, id: string | null) => {
    if (fields.isTrial && (await otherTrialExists(db, id))) throw platformErrors.oneTrial();
  };
  return {
    /** A page (1-based) of shops, newest first; `search` on name or owner e-mail. */
    shops(f: { search?: string; status?: SubscriptionStatus; page?: number }) {
      return listShops(db, { ...f, page: f.page ?? 1, pageSize: PAGE_SIZE });
    },

    /**
     * Suspends a shop: sending stops at once (`send_block`), its people still sign in and read.
     * @throws 404 `shop_not_found`; 409 `shop_without_subscription` (no subscription or already suspended)
     */
    async suspend(who: string, shopId: string, reason: string): Promise<ShopListRow> {
      if (!(await shopById(db, shopId))) throw platformErrors.shopNotFound();
      const from = await db.transaction(async (tx) => {
        const before = await suspendSubscription(tx, shopId, reason);
        if (before)
          await recordAudit(tx, kabarActor(shopId), {
            action: "billing.shop_suspended",
            target: { type: "subscription", id: shopId, name: reason },
            changes: { status: [before, "suspended"] },
          });
        return before;
      });
      if (!from) throw platformErrors.shopWithoutSubscription();
      log?.info({ platformAdminId: who, shopId, reason }, "platform admin suspended a shop");
      await telling({ tenantId: shopId, kind: "shop_suspended", severity: "error", reason });
      return (await shopById(db, shopId))!;
    },

    /**
     * Resumes a suspended shop to its status moved with the billing clock.
     * @throws 404 `shop_not_found`; 409 `shop_without_subscription` (not suspended)
     */
    async resume(who: string, shopId: string): Promise<ShopListRow> {
      if (!(await shopById(db, shopId))) throw platformErrors.shopNotFound();
      const status = await db.transaction(async (tx) => {
        const after = await resumeSubscription(tx, shopId, billing.now(), graceDays);
        if (after)
          await recordAudit(tx, kabarActor(shopId), {
            action: "billing.shop_resumed",
            target: { type: "subscription", id: shopId },
            changes: { status: ["suspended", after] },
          });
        return after;
      });
      if (!status) throw platformErrors.shopWithoutSubscription();
      log?.info({ platformAdminId: who, shopId, status }, "platform admin resumed a shop");
      await telling({ tenantId: shopId, kind: "shop_resumed", severity: "info", reason: null });
      return (await shopById(db, shopId))!;
    },

    /**
     * Puts a shop on a package without a payment (billing's `grantPackage`): a shop made before
     * SaaS mode gets its first subscription and becomes metered; any other starts a new period
     * of the package now. Written in the shop's audit log by "Kabar".
     * @throws 404 `shop_not_found`, 404 `package_not_found`, 409 `trial_package_not_granted`
     */
    async grant(
      who: string,
      shopId: string,
      packageId: string,
      cycle: "monthly" | "yearly",
    ): Promise<ShopListRow> {
      const shop = await shopById(db, shopId);
      if (!shop) throw platformErrors.shopNotFound();
      const pkg = (await listPackages(db)).find((p) => p.id === packageId);
      if (!pkg) throw platformErrors.packageNotFound();
      if (pkg.isTrial) throw platformErrors.trialNotGranted();
      const zone = (await tenantTimeZone(db, shopId)) ?? "Asia/Jakarta";
      await db.transaction(async (tx) => {
        const before = await grantPackage(tx, shopId, pkg, cycle, billing.now(), zone);
        await recordAudit(tx, kabarActor(shopId), {
          action: "billing.package_granted",
          target: { type: "subscription", id: shopId, name: pkg.name },
          changes: {
            package: [shop.package?.code ?? null, pkg.code],
            status: [before, before === "suspended" ? "suspended" : "active"],
          },
        });
      });
      log?.info({ platformAdminId: who, shopId, packageId, cycle }, "platform admin put a shop on a package");
      return (await shopById(db, shopId))!;
    },

    /** Every package, offered ones first. */
    packages,

    /**
     * Adds a package. @throws 409 `code_taken`, 409 `one_trial_package`
     */
    async createPackage(who: string, fields: PackageFields): Promise<ConsolePackage> {
      await checkTrial(fields, null);
      const id = await insertPackage(db, fields);
      if (!id) throw platformErrors.codeTaken();
      log?.info({ platformAdminId: who, packageId: id, code: fields.code }, "platform admin added a package");
      return onePackage(id);
    },

    /**
     * Changes a package (fields not given keep their value); shops on it get its modules at
     * once. Prices and quotas apply from the shops' next purchase or allowance.
     * @throws 404 `package_not_found`, 409 `code_taken`, 409 `one_trial_package`
     */
    async updatePackage(who: string, id: string, patch: Partial<PackageFields>): Promise<ConsolePackage> {
      const { id: _id, ...current } = await onePackage(id);
      const fields: PackageFields = { ...current, ...patch };
      await checkTrial(fields, id);
      await db
        .transaction(async (tx) => {
          await updatePackage(tx, id, fields);
          await refreshPackageModules(tx, id, KABAR_MODULES);
        })
        .catch((err: unknown) => {
          throw isUniqueViolation(err) ? platformErrors.codeTaken() : err;
        });
      log?.info({ platformAdminId: who, packageId: id }, "platform admin changed a package");
      return onePackage(id);
    },

    /** Every top-up pack. */
    topupPacks: () => listTopupPacks(db),

    /** Adds a top-up pack. @throws 409 `code_taken` */
    async createTopupPack(who: string, p: Omit<TopupPackRow, "id">): Promise<TopupPackRow> {
      const row = await insertTopupPack(db, p);
      if (!row) throw platformErrors.codeTaken();
      log?.info({ platformAdminId: who, topupPackId: row.id }, "platform admin added a top-up pack");
      return row;
    },

    /** Changes a top-up pack. @throws 404 `topup_pack_not_found`, 409 `code_taken` */
    async updateTopupPack(
      who: string,
      id: string,
      patch: Partial<Omit<TopupPackRow, "id">>,
    ): Promise<TopupPackRow> {
      const current = (await listTopupPacks(db)).find((x) => x.id === id);
      if (!current) throw platformErrors.topupPackNotFound();
      const { id: _id, ...fields } = { ...current, ...patch };
      const row = await updateTopupPack(db, id, fields).catch((err: unknown) => {
        throw isUniqueViolation(err) ? platformErrors.codeTaken() : err;
      });
      log?.info({ platformAdminId: who, topupPackId: id }, "platform admin changed a top-up pack");
      return row!;
    },

    /** The latest payments of every shop. */
    payments: (status?: string) => platformPayments(db, status),

    /** Shops by status, revenue this (UTC) month and in all, message units used this month. */
    totals() {
      const now = billing.now();
      return platformTotals(db, new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)));
    },
  };
}
