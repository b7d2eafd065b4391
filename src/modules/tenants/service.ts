import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client.js";
import { tenants } from "../../db/schema/index.js";
import { requireOwner, type Actor } from "../../lib/actor.js";
import { invalid, notFound } from "../../lib/errors.js";

/** Indonesia's three time zones, offered first in pickers; any IANA zone is accepted. */
export const INDONESIAN_TIME_ZONES = {
  WIB: "Asia/Jakarta",
  WITA: "Asia/Makassar",
  WIT: "Asia/Jayapura",
} as const;

export const tenantSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  timeZone: z.string(),
  optOutKeywords: z.array(z.string()),
  locale: z.enum(["id", "en"]),
});
export type TenantDto = z.infer<typeof tenantSchema>;
/** Its name in the OpenAPI document, which the web app's generated types use. */
z.globalRegistry.add(tenantSchema, { id: "Tenant" });

export const updateTenantBody = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  timeZone: z.string().optional(),
  optOutKeywords: z.array(z.string().trim().min(1).max(50)).min(1).max(50).optional(),
  locale: z.enum(["id", "en"]).optional(),
});

function isTimeZone(tz: string): boolean {
  if (tz.trim() === "") return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The shop's own settings: name, time zone, opt-out words, language. */
export function createTenantService(db: Db) {
  return {
    /** @throws KabarError 404 (only if the tenant was deleted under a live session) */
    async get(actor: Actor): Promise<TenantDto> {
      const [t] = await db.select().from(tenants).where(eq(tenants.id, actor.tenantId));
      if (!t) throw notFound("tenant");
      return {
        id: t.id,
        name: t.name,
        timeZone: t.timeZone,
        optOutKeywords: t.optOutKeywords,
        locale: t.locale as "id" | "en",
      };
    },
    /** Owner only. @throws KabarError 403, 400 `invalid_time_zone` */
    async update(actor: Actor, input: z.infer<typeof updateTenantBody>): Promise<TenantDto> {
      requireOwner(actor);
      if (input.timeZone !== undefined && !isTimeZone(input.timeZone)) {
        throw invalid(
          "invalid_time_zone",
          `Unknown time zone ${input.timeZone}`,
          `Zona waktu tidak dikenal: ${input.timeZone}`,
          { timeZone: "unknown IANA time zone" },
        );
      }
      const keywords = input.optOutKeywords?.map((k) => k.toUpperCase());
      const patch = { ...input, ...(keywords ? { optOutKeywords: keywords } : {}) };
      if (Object.keys(patch).length > 0)
        await db.update(tenants).set(patch).where(eq(tenants.id, actor.tenantId));
      return this.get(actor);
    },
  };
}

export type TenantService = ReturnType<typeof createTenantService>;
