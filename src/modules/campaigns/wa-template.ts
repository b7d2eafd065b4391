/**
 * Campaigns on Cloud API channels send an approved WhatsApp template: Meta only delivers
 * free-form messages inside the 24-hour customer-service window, so a broadcast to people
 * who have not written lately must be a template (Meta, "Send message templates",
 * https://developers.facebook.com/docs/whatsapp/cloud-api/guides/send-message-templates).
 *
 * A campaign names the template (`name` + `language`, as synced into `wa_templates`) and
 * gives one value per positional parameter ({{1}}, {{2}}, …) of the header and body, and a
 * payload / URL suffix per dynamic button. Each value is itself a Kabar template string
 * (`{{name|kak}}`, attributes, import columns, spintax), rendered per recipient when the
 * campaign starts and stored on the recipient (`campaign_recipients.template_params`).
 * Named parameters (`parameter_format: NAMED`) are not supported yet.
 */
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db, Tx } from "../../db/client.js";
import { waTemplates, type TemplateParamValues, type WaTemplateRef } from "../../db/schema/index.js";
import { campaignErrors } from "./errors.js";
import { renderTemplate, type RenderContext } from "../templates/index.js";

const param = z.string().max(1024);

/** `waTemplate` of a campaign create / update body. */
export const waTemplateSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9_]{1,512}$/, "a WhatsApp template name: lowercase letters, digits and _"),
    language: z.string().min(2).max(15).describe('As approved, e.g. "id" or "en_US"'),
    header: z
      .array(param)
      .max(1)
      .optional()
      .describe("Value of the text header {{1}}, if the header has one"),
    body: z
      .array(param)
      .max(100)
      .optional()
      .describe(
        "Values of the body {{1}}, {{2}}, … in order; each may use Kabar variables such as {{name|kak}}",
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

/** The texts of an approved template that carry parameters, and whether its header is media. */
export interface WaTemplateTexts {
  header: string | null;
  body: string;
  /** IMAGE / VIDEO / DOCUMENT when the header is media (the campaign's media fills it). */
  headerMedia: "image" | "video" | "document" | null;
}

interface Component {
  type?: string;
  format?: string;
  text?: string;
}

/** How many positional parameters ({{1}} … {{n}}) a template text uses: its highest n. */
export function placeholderCount(text: string | null): number {
  let max = 0;
  for (const m of (text ?? "").matchAll(/\{\{\s*(\d+)\s*\}\}/g)) max = Math.max(max, Number(m[1]));
  return max;
}

/** The header / body texts of a template's components as Meta returns them. */
export function templateTexts(components: unknown): WaTemplateTexts {
  const list = Array.isArray(components) ? (components as Component[]) : [];
  const header = list.find((c) => c.type?.toUpperCase() === "HEADER");
  const body = list.find((c) => c.type?.toUpperCase() === "BODY");
  const format = header?.format?.toUpperCase();
  const headerMedia =
    format === "IMAGE" ? "image" : format === "VIDEO" ? "video" : format === "DOCUMENT" ? "document" : null;
  return {
    header: format === "TEXT" || (header && !format) ? (header?.text ?? null) : null,
    body: body?.text ?? "",
    headerMedia,
  };
}

/**
 * Checks a campaign's template against the channel's synced templates: it must exist in
 * `wa_templates` for that channel, be APPROVED, get exactly as many header and body
 * values as it has {{n}} parameters, and get media when its header is media.
 * @returns the template's texts (for the report's preview of each message)
 * @throws KabarError 400 `wa_template_not_found`, `wa_template_not_approved`,
 *   `wa_template_params` (field `waTemplate.body` / `waTemplate.header`), `wa_template_media`
 */
export async function checkWaTemplate(
  db: Db | Tx,
  tenantId: string,
  channelId: string,
  ref: WaTemplateRef,
  hasMedia: boolean,
): Promise<WaTemplateTexts> {
  const [t] = await db
    .select({ status: waTemplates.status, components: waTemplates.components })
    .from(waTemplates)
    .where(
      and(
        eq(waTemplates.tenantId, tenantId),
        eq(waTemplates.channelId, channelId),
        eq(waTemplates.name, ref.name),
        eq(waTemplates.language, ref.language),
      ),
    );
  if (!t) {
    throw campaignErrors.waTemplateNotFound({ name: ref.name, language: ref.language });
  }
  if (t.status.toUpperCase() !== "APPROVED") {
    throw campaignErrors.waTemplateNotApproved({ name: ref.name, status: t.status });
  }
  const texts = templateTexts(t.components);
  for (const part of ["header", "body"] as const) {
    const want = placeholderCount(texts[part]);
    const got = ref[part]?.length ?? 0;
    if (want !== got) {
      throw campaignErrors.waTemplateParams({ name: ref.name, part, want, got });
    }
  }
  if (texts.headerMedia && !hasMedia) {
    throw campaignErrors.waTemplateMedia({ name: ref.name, headerMedia: texts.headerMedia });
  }
  return texts;
}

/**
 * Renders a campaign template's parameter values for one recipient (same seed as the
 * recipient's text, so spintax choices are stable), and the text the customer will read
 * (the approved body with the values in place), stored as the recipient's `text`.
 */
export function renderWaTemplate(
  ref: WaTemplateRef,
  texts: WaTemplateTexts,
  ctx: RenderContext,
  seed: string,
): { params: TemplateParamValues; text: string } {
  const render = (v: string) => renderTemplate(v, ctx, seed).text.trim();
  const params: TemplateParamValues = {};
  if (ref.header?.length) params.header = ref.header.map(render);
  if (ref.body?.length) params.body = ref.body.map(render);
  if (ref.buttons?.length)
    params.buttons = ref.buttons.map((b) => ({ ...b, parameter: render(b.parameter) }));
  const fill = (text: string, values: string[] = []) =>
    text.replace(/\{\{\s*(\d+)\s*\}\}/g, (_, n: string) => values[Number(n) - 1] ?? "");
  const text = [texts.header ? fill(texts.header, params.header) : null, fill(texts.body, params.body)]
    .filter(Boolean)
    .join("\n");
  return { params, text };
}
