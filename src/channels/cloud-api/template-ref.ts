/**
 * The request shape that names an approved WhatsApp template and maps its parameters to
 * Kabar template strings: campaigns (`waTemplate` of a campaign) and repeat-order reminders
 * (`waTemplate` of the reminder settings) both take it. See
 * src/modules/campaigns/wa-template.ts for how it is checked and rendered, and Meta's
 * "Send message templates" (https://developers.facebook.com/docs/whatsapp/cloud-api/guides/send-message-templates).
 */
import { z } from "zod";

const param = z.string().max(1024);
const paramName = z
  .string()
  .regex(/^[a-z_][a-z0-9_]{0,511}$/, "a parameter name: lowercase letters, digits and _, as in the template");
/** Values in order (POSITIONAL) or by parameter name (NAMED). */
const values = (max: number) =>
  z.union([
    z.array(param).max(max),
    z
      .record(paramName, param)
      .refine((v) => Object.keys(v).length <= 100, "at most 100 parameters")
      .describe("NAMED templates: parameter name → value"),
  ]);

/** `waTemplate` of a campaign create / update body and of the reminder settings. */
export const waTemplateSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9_]{1,512}$/, "a WhatsApp template name: lowercase letters, digits and _"),
    language: z.string().min(2).max(15).describe('As approved, e.g. "id" or "en_US"'),
    header: values(1)
      .optional()
      .describe(
        'Values of the text header\'s parameter: ["…"] for {{1}}, or { "customer_name": "…" } for a NAMED template',
      ),
    body: values(100)
      .optional()
      .describe(
        'Values of the body\'s parameters: {{1}}, {{2}}, … in order, or by name for a NAMED template ({ "customer_name": "{{name|kak}}" }); each may use Kabar variables such as {{name|kak}}',
      ),
    buttons: z
      .array(
        z.object({
          index: z.number().int().min(0).max(9),
          subType: z.enum(["quick_reply", "url"]),
          parameter: param,
        }),
      )
      .max(10)
      .optional(),
  })
  .describe("Cloud API channels: the approved WhatsApp template to send (required there)");
