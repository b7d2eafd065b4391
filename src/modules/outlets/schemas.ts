/** The outlets API contract (zod DTOs, also the OpenAPI document). */
import { z } from "zod";
import { normalizePhone } from "../../lib/phone/normalize.js";
import { provinceCode } from "../../lib/regions/provinces.js";

/** A province as a code or a name people write ("32", "Jawa Barat", "jabar"), stored as its Kemendagri code. */
const province = z
  .string()
  .trim()
  .max(60)
  .transform((s, ctx) => {
    const code = provinceCode(s);
    if (!code) {
      ctx.addIssue({ code: "custom", message: "unknown province" });
      return z.NEVER;
    }
    return code;
  })
  .describe(
    "An Indonesian province: its Kemendagri code (`32`) or name (`Jawa Barat`); answered as the code",
  );

/** A phone number as people write it (`0812…`, `+62 21 …`), stored in E.164. */
const phone = z
  .string()
  .trim()
  .max(40)
  .transform((s, ctx) => {
    const n = normalizePhone(s);
    if (!n.ok) {
      ctx.addIssue({ code: "custom", message: n.reason });
      return z.NEVER;
    }
    return n.e164;
  })
  .describe("The outlet's phone; answered in E.164");

const text = (max: number) => z.string().trim().min(1).max(max);

/** An outlet as the API shows it. */
export const outletSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  address: z.string().nullable(),
  city: z.string().nullable(),
  province: z.string().nullable().describe("Kemendagri province code (src/lib/regions)"),
  phone: z.string().nullable().describe("E.164"),
  createdAt: z.string(),
});
export type OutletDto = z.infer<typeof outletSchema>;

/** POST /outlets (outlets.manage). */
export const createOutletBody = z.object({
  name: text(100),
  address: text(300).nullable().optional(),
  city: text(100).nullable().optional(),
  province: province.nullable().optional(),
  phone: phone.nullable().optional(),
});
export type CreateOutletInput = z.infer<typeof createOutletBody>;

/** PATCH /outlets/:id (outlets.manage): the fields given change; null clears an optional one. */
export const updateOutletBody = createOutletBody.partial();
export type UpdateOutletInput = z.infer<typeof updateOutletBody>;

z.globalRegistry.add(outletSchema, { id: "Outlet" });
z.globalRegistry.add(createOutletBody, { id: "CreateOutlet" });
z.globalRegistry.add(updateOutletBody, { id: "UpdateOutlet" });
