/**
 * Campaigns on Cloud API channels send an approved WhatsApp template: Meta only delivers
 * free-form messages inside the 24-hour customer-service window, so a broadcast to people
 * who have not written lately must be a template (Meta, "Send message templates",
 * https://developers.facebook.com/docs/whatsapp/cloud-api/guides/send-message-templates).
 *
 * A campaign names the template (`name` + `language`, as synced into `wa_templates`) and
 * gives a value for every parameter of the header and body: in order for a POSITIONAL
 * template ({{1}}, {{2}}, …), by name for a NAMED one ({{customer_name}}, Meta's
 * `parameter_format: NAMED`), and a payload / URL suffix per dynamic button. Each value is
 * itself a Kabar template string (`{{name|kak}}`, attributes, import columns, spintax),
 * rendered per recipient when the campaign starts and stored on the recipient
 * (`campaign_recipients.template_params`). A campaign whose parameters are not all filled
 * is refused when it is created, edited and started: Meta would reject every message.
 */
import {
  parameterFormatOf,
  parameterNames,
  syncedTemplate,
  type ParameterFormat,
} from "../../channels/cloud-api/index.js";
import type { Db, Tx } from "../../db/client.js";
import { campaignErrors } from "./errors.js";
import { renderTemplate, type RenderContext } from "../templates/index.js";
import type { TemplateParamValues, WaTemplateRef } from "./queries/campaigns.js";

export { waTemplateSchema } from "../../channels/cloud-api/index.js";

/** The texts of an approved template that carry parameters, how they are written, and whether its header is media. */
export interface WaTemplateTexts {
  header: string | null;
  body: string;
  /** IMAGE / VIDEO / DOCUMENT when the header is media (the campaign's media fills it). */
  headerMedia: "image" | "video" | "document" | null;
  /** {{1}} (POSITIONAL) or {{customer_name}} (NAMED). */
  format: ParameterFormat;
}

interface Component {
  type?: string;
  format?: string;
  text?: string;
}

/** How many positional parameters ({{1}} … {{n}}) a template text uses: its highest n. */
export function placeholderCount(text: string | null): number {
  return parameterNames(text, "POSITIONAL").length;
}

/**
 * The header / body texts of a template's components as Meta returns them, and its
 * parameter format (`parameterFormat` as synced; guessed from the texts when absent).
 */
export function templateTexts(components: unknown, parameterFormat?: string | null): WaTemplateTexts {
  const list = Array.isArray(components) ? (components as Component[]) : [];
  const header = list.find((c) => c.type?.toUpperCase() === "HEADER");
  const body = list.find((c) => c.type?.toUpperCase() === "BODY");
  const format = header?.format?.toUpperCase();
  const headerMedia =
    format === "IMAGE" ? "image" : format === "VIDEO" ? "video" : format === "DOCUMENT" ? "document" : null;
  const headerText = format === "TEXT" || (header && !format) ? (header?.text ?? null) : null;
  const bodyText = body?.text ?? "";
  return {
    header: headerText,
    body: bodyText,
    headerMedia,
    format: parameterFormatOf(parameterFormat, [headerText, bodyText]),
  };
}

/**
 * The parameters of one part left without a value (or given only blanks), and the values
 * given for parameters the template does not have, both as parameter names ("2",
 * "customer_name"). Positional values are matched by place, named ones by name.
 */
export function unfilledParams(
  texts: WaTemplateTexts,
  part: "header" | "body",
  given: WaTemplateRef["header"],
): { missing: string[]; unknown: string[] } {
  const names = parameterNames(texts[part], texts.format);
  const blank = (v: string | undefined) => !v?.trim();
  if (texts.format === "POSITIONAL") {
    if (given && !Array.isArray(given)) return { missing: names, unknown: Object.keys(given) };
    const list = given ?? [];
    return {
      missing: names.filter((_, i) => blank(list[i])),
      unknown: list.slice(names.length).map((_, i) => String(names.length + i + 1)),
    };
  }
  if (Array.isArray(given)) return { missing: names, unknown: given.map((_, i) => String(i + 1)) };
  const byName = given ?? {};
  return {
    missing: names.filter((n) => blank(byName[n])),
    unknown: Object.keys(byName).filter((n) => !names.includes(n)),
  };
}

/**
 * Checks a campaign's template against the channel's synced templates: it must exist in
 * `wa_templates` for that channel, be APPROVED, get a non-blank value for every header and
 * body parameter ({{1}}… in order, or {{customer_name}}… by name) and none it lacks, and
 * get media when its header is media.
 * @returns the template's texts (for the report's preview of each message)
 * @throws KabarError 400 `wa_template_not_found`, `wa_template_not_approved`,
 *   `wa_template_params` (field `waTemplate.body` / `waTemplate.header`, naming the
 *   missing or unknown parameters), `wa_template_media`
 */
export async function checkWaTemplate(
  db: Db | Tx,
  tenantId: string,
  channelId: string,
  ref: WaTemplateRef,
  hasMedia: boolean,
): Promise<WaTemplateTexts> {
  const t = await syncedTemplate(db, tenantId, channelId, ref.name, ref.language);
  if (!t) {
    throw campaignErrors.waTemplateNotFound({ name: ref.name, language: ref.language });
  }
  if (t.status.toUpperCase() !== "APPROVED") {
    throw campaignErrors.waTemplateNotApproved({ name: ref.name, status: t.status });
  }
  const texts = templateTexts(t.components, t.parameterFormat);
  for (const part of ["header", "body"] as const) {
    const { missing, unknown } = unfilledParams(texts, part, ref[part]);
    if (missing.length || unknown.length) {
      const list = (names: string[]) => names.map((n) => `{{${n}}}`).join(", ");
      throw campaignErrors.waTemplateParams({
        name: ref.name,
        part,
        missing: list(missing),
        unknown: list(unknown),
      });
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
  type Values = ParamValues;
  const renderAll = (v: Values): Values =>
    Array.isArray(v) ? v.map(render) : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, render(x)]));
  const filled = (v: Values | undefined) => (v ? Object.keys(v).length > 0 : false);
  const params: TemplateParamValues = {};
  if (filled(ref.header)) params.header = renderAll(ref.header!);
  if (filled(ref.body)) params.body = renderAll(ref.body!);
  if (ref.buttons?.length)
    params.buttons = ref.buttons.map((b) => ({ ...b, parameter: render(b.parameter) }));
  return { params, text: fillTemplate(texts, params) };
}

/** A template's header and body (one line apart) with each {{1}} / {{name}} replaced by its value ("" when it has none). */
function fillTemplate(texts: WaTemplateTexts, values: { header?: ParamValues; body?: ParamValues }): string {
  const fill = (text: string, v: ParamValues = []) =>
    text.replace(/\{\{\s*(\d+|[a-z_][a-z0-9_]*)\s*\}\}/g, (_, key: string) =>
      Array.isArray(v) ? (/^\d+$/.test(key) ? (v[Number(key) - 1] ?? "") : "") : (v[key] ?? ""),
    );
  return [texts.header ? fill(texts.header, values.header) : null, fill(texts.body, values.body)]
    .filter(Boolean)
    .join("\n");
}

/** The values of one template part: in order (POSITIONAL) or by name (NAMED). */
type ParamValues = string[] | Record<string, string>;

/**
 * The free-text body of a campaign that used WhatsApp template `ref` on `channelId`
 * ({@link templateAsText}); null when the template is no longer synced there.
 */
export async function templateBodyOf(
  db: Db,
  tenantId: string,
  channelId: string,
  ref: WaTemplateRef,
): Promise<string | null> {
  const t = await syncedTemplate(db, tenantId, channelId, ref.name, ref.language);
  return t ? templateAsText(ref, templateTexts(t.components, t.parameterFormat)) : null;
}

/**
 * A campaign's WhatsApp template as a Kabar message for a number that sends free text (a
 * resend over WhatsApp Web): the approved header and body with each parameter replaced by
 * the Kabar expression the campaign gave it (e.g. {{1}} → "{{name|Kak}}"), so every
 * recipient reads what the template would have told them.
 */
function templateAsText(ref: WaTemplateRef, texts: WaTemplateTexts): string {
  return fillTemplate(texts, { header: ref.header, body: ref.body });
}
