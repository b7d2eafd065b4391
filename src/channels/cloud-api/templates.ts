/**
 * Approved WhatsApp message templates: the parameters of a template message, and the
 * copy of the WhatsApp Business Account's templates in `wa_templates`.
 * Sources: Meta, Cloud API "Template messages"
 * (https://developers.facebook.com/docs/whatsapp/cloud-api/guides/send-message-templates) and
 * "Message templates" of the Business Management API
 * (https://developers.facebook.com/docs/graph-api/reference/whats-app-business-account/message_templates).
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client.js";
import { waTemplates } from "../../db/schema/index.js";
import { TransportError, type Media } from "../transport.js";
import type { GraphClient } from "./client.js";

/**
 * The values of a template part's parameters: in order for a POSITIONAL template ({{1}},
 * {{2}}, …), or by name for a NAMED one ({{customer_name}} → `{ customer_name: "Sari" }`).
 */
export type TemplateParams = string[] | Record<string, string>;

/** How a template's parameters are written: `{{1}}` (POSITIONAL, Meta's default) or `{{customer_name}}` (NAMED). */
export type ParameterFormat = "POSITIONAL" | "NAMED";

/**
 * The parameters a template text uses, in their first order of appearance: the numbers
 * 1…n of a POSITIONAL template (as strings, up to its highest {{n}}), or the names of a
 * NAMED one (Meta: lowercase letters, digits and underscores, starting with a letter or
 * underscore; "Create and manage templates", parameter_format).
 */
export function parameterNames(text: string | null | undefined, format: ParameterFormat): string[] {
  if (format === "POSITIONAL") {
    let max = 0;
    for (const m of (text ?? "").matchAll(/\{\{\s*(\d+)\s*\}\}/g)) max = Math.max(max, Number(m[1]));
    return Array.from({ length: max }, (_, i) => String(i + 1));
  }
  const names: string[] = [];
  for (const m of (text ?? "").matchAll(/\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}/g))
    if (!names.includes(m[1]!)) names.push(m[1]!);
  return names;
}

/**
 * A template's parameter format: the `parameter_format` Meta returned, or (a row synced
 * before Kabar asked for it) NAMED when a text uses a {{name}}, else POSITIONAL.
 */
export function parameterFormatOf(
  stored: string | null | undefined,
  texts: Array<string | null>,
): ParameterFormat {
  const upper = stored?.toUpperCase();
  if (upper === "NAMED" || upper === "POSITIONAL") return upper;
  return texts.some((t) => /\{\{\s*[a-z_][a-z0-9_]*\s*\}\}/.test(t ?? "")) ? "NAMED" : "POSITIONAL";
}

/**
 * A synced template's parameter format and the parameters of its text header and body
 * (see {@link parameterNames}), from its components as Meta returns them.
 */
export function templateParameters(
  components: unknown,
  stored: string | null | undefined,
): { format: ParameterFormat; header: string[]; body: string[] } {
  const list = Array.isArray(components)
    ? (components as Array<{ type?: string; format?: string; text?: string }>)
    : [];
  const find = (type: string) => list.find((c) => c?.type?.toUpperCase() === type);
  const header = find("HEADER");
  const headerText =
    header && (!header.format || header.format.toUpperCase() === "TEXT") ? (header.text ?? null) : null;
  const bodyText = find("BODY")?.text ?? null;
  const format = parameterFormatOf(stored, [headerText, bodyText]);
  return { format, header: parameterNames(headerText, format), body: parameterNames(bodyText, format) };
}

/** How a media object is given to Meta: a public https link, or the id of an uploaded file. */
export type MediaRef = { link: string } | { id: string };

/**
 * A template to send, its parameter values already rendered for one recipient (the
 * shape of `campaigns.wa_template` after variables are filled in):
 * - `name` and `language` (e.g. "id", "en_US") as approved;
 * - `header`: the values of a text header's parameters (see {@link TemplateParams});
 * - `headerMedia`: the image / video / document of a media header;
 * - `body`: the values of the body's parameters, {{1}}, {{2}}, … in order, or by name;
 * - `buttons`: a quick-reply button's payload (returned in the reply webhook) or the
 *   suffix a dynamic URL button appends to its URL, by the button's 0-based `index`.
 */
export interface TemplateMessage {
  name: string;
  language: string;
  header?: TemplateParams;
  headerMedia?: Media;
  body?: TemplateParams;
  buttons?: Array<{ index: number; subType: "quick_reply" | "url"; parameter: string }>;
}

/**
 * A text parameter as WhatsApp accepts it: parameters may not contain new lines or tabs,
 * nor more than 4 consecutive spaces (Meta rejects the message otherwise). New lines and
 * tabs become one space; longer runs of spaces are cut to 4.
 */
export function templateText(value: string): string {
  return value.replace(/[\r\n\t]+/g, " ").replace(/ {5,}/g, "    ");
}

const invalid = (message: string) => new TransportError("invalid_message", message, false);

/**
 * The `components` of a template message: a header (text parameters, or one media
 * parameter), a body (text parameters: `{ type: "text", text }` in order, or
 * `{ type: "text", parameter_name, text }` for named values, Meta's send format for a NAMED
 * template) and one `button` component per button parameter
 * (`sub_type` quick_reply → `{ type: "payload" }`, url → `{ type: "text" }`, `index` as a
 * string). Components without parameters are left out, as Meta asks.
 * @throws TransportError `invalid_message` when the name is not a template name, both a
 *   text and a media header are given, a media header lacks `headerRef` or is audio, or a
 *   button index is outside 0–9 or repeated
 */
export function buildTemplateComponents(
  t: TemplateMessage,
  headerRef?: MediaRef,
): Array<Record<string, unknown>> {
  if (!/^[a-z0-9_]{1,512}$/.test(t.name))
    throw invalid(`"${t.name}" is not a WhatsApp template name (lowercase letters, digits and _)`);
  const components: Array<Record<string, unknown>> = [];
  const texts = (values: TemplateParams) =>
    Array.isArray(values)
      ? values.map((v) => ({ type: "text", text: templateText(v) }))
      : Object.entries(values).map(([name, v]) => ({
          type: "text",
          parameter_name: name,
          text: templateText(v),
        }));
  const count = (values: TemplateParams | undefined) =>
    values ? (Array.isArray(values) ? values.length : Object.keys(values).length) : 0;
  if (count(t.header) && t.headerMedia) throw invalid("A template header is either text or media, not both");
  if (t.headerMedia) {
    const { type, filename } = t.headerMedia;
    if (type === "audio") throw invalid("A template header cannot be audio");
    if (!headerRef) throw invalid("The media of the template header was not resolved");
    const object = type === "document" && filename ? { ...headerRef, filename } : { ...headerRef };
    components.push({ type: "header", parameters: [{ type, [type]: object }] });
  } else if (t.header && count(t.header)) {
    components.push({ type: "header", parameters: texts(t.header) });
  }
  if (t.body && count(t.body)) components.push({ type: "body", parameters: texts(t.body) });
  const seen = new Set<number>();
  for (const b of [...(t.buttons ?? [])].sort((x, y) => x.index - y.index)) {
    if (!Number.isInteger(b.index) || b.index < 0 || b.index > 9)
      throw invalid(`Button index ${b.index} is outside 0–9`);
    if (seen.has(b.index)) throw invalid(`Button ${b.index} is given twice`);
    seen.add(b.index);
    const parameter =
      b.subType === "quick_reply"
        ? { type: "payload", payload: b.parameter }
        : { type: "text", text: templateText(b.parameter) };
    components.push({ type: "button", sub_type: b.subType, index: String(b.index), parameters: [parameter] });
  }
  return components;
}

/** Most pages `syncTemplates` reads (a WABA holds at most a few thousand templates). */
const MAX_PAGES = 100;

/**
 * Copies the WhatsApp Business Account's templates into `wa_templates` (every status, so
 * the owner sees pending and rejected ones too), following the cursor paging of
 * `GET /<WABA_ID>/message_templates` (with each template's `parameter_format` and
 * `rejected_reason`), then removes rows of templates the account no longer has. A category
 * Meta changed keeps its `previous_category` (the sync does not know the old one). Upserts by (channel, name, language).
 * @returns how many templates were stored and how many stale rows were removed
 * @throws GraphApiError / GraphNetworkError from the client (nothing is removed then)
 */
export async function syncTemplates(
  db: Db,
  client: GraphClient,
  channel: { id: string; tenantId: string },
  wabaId: string,
  pageSize = 100,
): Promise<{ synced: number; removed: number }> {
  const started = new Date();
  let after: string | undefined;
  let synced = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const { data, after: next } = await client.listTemplates(wabaId, { after, limit: pageSize });
    const rows = data.map((t) => ({
      name: t.name,
      language: t.language,
      status: t.status,
      category: t.category ?? null,
      parameter_format: t.parameter_format?.toUpperCase() ?? null,
      components: t.components ?? [],
      meta_id: t.id ?? null,
      reason: t.rejected_reason && t.rejected_reason !== "NONE" ? t.rejected_reason : null,
    }));
    if (rows.length) {
      await db.execute(sql`
        INSERT INTO wa_templates (channel_id, tenant_id, name, language, status, category, parameter_format, components, meta_id, reason, synced_at)
        SELECT ${channel.id}::uuid, ${channel.tenantId}::uuid, r.name, r.language, r.status, r.category, r.parameter_format, r.components, r.meta_id, r.reason, ${started}::timestamptz
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(name text, language text, status text, category text, parameter_format text, components jsonb, meta_id text, reason text)
        ON CONFLICT (channel_id, name, language) DO UPDATE SET
          status = excluded.status, category = excluded.category, parameter_format = excluded.parameter_format,
          components = excluded.components, meta_id = excluded.meta_id, reason = excluded.reason,
          synced_at = excluded.synced_at`);
      synced += rows.length;
    }
    if (!next) {
      const removed = await db.execute(
        sql`DELETE FROM wa_templates WHERE channel_id = ${channel.id} AND synced_at < ${started}::timestamptz`,
      );
      return { synced, removed: removed.rowCount ?? 0 };
    }
    after = next;
  }
  return { synced, removed: 0 };
}

/** A synced template as stored in `wa_templates`. */
type SyncedTemplateRow = typeof waTemplates.$inferSelect;

/** The templates last synced for the tenant's channel, by name. */
export function syncedTemplates(db: Db, tenantId: string, channelId: string): Promise<SyncedTemplateRow[]> {
  return db
    .select()
    .from(waTemplates)
    .where(and(eq(waTemplates.tenantId, tenantId), eq(waTemplates.channelId, channelId)))
    .orderBy(waTemplates.name);
}

/**
 * The status, components and parameter format of the tenant's channel's synced template
 * `name` in `language` (read on `db` or in the caller's transaction). @returns undefined when not synced
 */
export async function syncedTemplate(
  db: Db | Tx,
  tenantId: string,
  channelId: string,
  name: string,
  language: string,
): Promise<Pick<SyncedTemplateRow, "status" | "components" | "parameterFormat" | "category"> | undefined> {
  const [t] = await db
    .select({
      status: waTemplates.status,
      category: waTemplates.category,
      components: waTemplates.components,
      parameterFormat: waTemplates.parameterFormat,
    })
    .from(waTemplates)
    .where(
      and(
        eq(waTemplates.tenantId, tenantId),
        eq(waTemplates.channelId, channelId),
        eq(waTemplates.name, name),
        eq(waTemplates.language, language),
      ),
    );
  return t;
}
