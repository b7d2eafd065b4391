import { z } from "zod";
import type { Db } from "../../db/client.js";
import { requirePermission, type Actor } from "../../lib/actor.js";
import { commonErrors } from "../../lib/common-errors.js";
import { disabledSet, KABAR_MODULES } from "../../lib/modules.js";
import { changesBetween, recordAudit } from "../audit/index.js";
import { tenantErrors } from "./errors.js";
import { tenantById, updateTenant } from "./queries.js";

export const tenantSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  timeZone: z.string(),
  optOutKeywords: z.array(z.string()),
  locale: z.enum(["id", "en"]),
  /** A contact who wrote to any of the shop's numbers within this many days counts as warm for a campaign (no new chat). */
  warmDays: z.number().int(),
  /** The modules the owner switched off (src/lib/modules.ts); empty: everything on. */
  disabledModules: z.array(z.enum(KABAR_MODULES)),
  /** SaaS mode: the modules the shop's package does not include (off whatever the owner chooses); empty in single mode. */
  packageDisabledModules: z.array(z.enum(KABAR_MODULES)),
  /** Audit log entries older than this many days are deleted by the nightly sweep. */
  auditRetentionDays: z.number().int(),
});
export type TenantDto = z.infer<typeof tenantSchema>;
/** Its name in the OpenAPI document, which the web app's generated types use. */
z.globalRegistry.add(tenantSchema, { id: "Tenant" });

export const updateTenantBody = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  timeZone: z.string().optional(),
  optOutKeywords: z.array(z.string().trim().min(1).max(50)).min(1).max(50).optional(),
  locale: z.enum(["id", "en"]).optional(),
  /** 1–3650 days: who wrote within them counts as warm for a campaign (issue 15). */
  warmDays: z.number().int().min(1).max(3650).optional(),
  /** Module switches (issue 13): the full list of modules to switch off; `[]` switches all on. */
  disabledModules: z.array(z.enum(KABAR_MODULES)).max(KABAR_MODULES.length).optional(),
  /** 30–3650 days: how long the audit log keeps an entry (issue 13). */
  auditRetentionDays: z.number().int().min(30).max(3650).optional(),
});
/** Named in the OpenAPI document (`UpdateTenantInput`), as the web app's request type. */
z.globalRegistry.add(updateTenantBody, { id: "UpdateTenant" });

function isTimeZone(tz: string): boolean {
  if (tz.trim() === "") return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function toDto(t: NonNullable<Awaited<ReturnType<typeof tenantById>>>): TenantDto {
  return {
    id: t.id,
    name: t.name,
    timeZone: t.timeZone,
    optOutKeywords: t.optOutKeywords,
    locale: t.locale as "id" | "en",
    warmDays: t.warmDays,
    disabledModules: [...disabledSet(t.ownerDisabledModules)],
    packageDisabledModules: [...disabledSet(t.packageDisabledModules)],
    auditRetentionDays: t.auditRetentionDays,
  };
}

/** The fields `keys` of `o`. */
function pick<T extends object>(o: T, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([k]) => keys.includes(k)));
}

/** The shop's own settings: name, time zone, opt-out words, language, the warm window of campaigns, module switches, audit retention. */
export function createTenantService(db: Db) {
  return {
    /** @throws KabarError 404 (only if the tenant was deleted under a live session) */
    async get(actor: Actor): Promise<TenantDto> {
      const t = await tenantById(db, actor.tenantId);
      if (!t) throw tenantErrors.notFound();
      return toDto(t);
    },
    /**
     * Needs `settings.update`. `disabledModules` switches modules off (the rest on); it takes
     * effect on the next request of every session (the session query reads it) and sockets
     * reconnect into the rooms the new permissions open.
     * The audit log records the changed settings, before → after (`tenant.update`).
     * @throws KabarError 403, 400 `invalid_time_zone`
     */
    async update(actor: Actor, input: z.infer<typeof updateTenantBody>): Promise<TenantDto> {
      const { disabledModules: _owned, ...rest } = input;
      requirePermission(actor, "settings.update");
      if (input.timeZone !== undefined && !isTimeZone(input.timeZone)) {
        throw commonErrors.invalidTimeZone({ timeZone: input.timeZone });
      }
      const keywords = input.optOutKeywords?.map((k) => k.toUpperCase());
      const off = input.disabledModules && KABAR_MODULES.filter((m) => input.disabledModules?.includes(m));
      const patch = {
        ...rest,
        ...(keywords ? { optOutKeywords: keywords } : {}),
        ...(off ? { ownerDisabledModules: off } : {}),
      };
      return db.transaction(async (tx) => {
        const before = await tenantById(tx, actor.tenantId);
        if (!before) throw tenantErrors.notFound();
        await updateTenant(tx, actor.tenantId, patch);
        const after = toDto((await tenantById(tx, actor.tenantId))!);
        const changes = changesBetween(toDto(before), pick(after, Object.keys(input)));
        await recordAudit(tx, actor, {
          action: "tenant.update",
          target: { type: "tenant", id: after.id, name: after.name },
          changes,
        });
        return after;
      });
    },
  };
}
