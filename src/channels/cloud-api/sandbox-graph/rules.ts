/**
 * Meta's checks of the Graph API endpoints the sandbox's Graph plays, written from Meta's
 * documentation and apart from Kabar's own checks (src/channels/cloud-api/template-draft.ts),
 * so a test or the demo sees what Meta would answer, not what Kabar believes:
 * - template creation, `POST /<WABA_ID>/message_templates` ("Create and manage templates",
 *   https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/overview):
 *   name format, category, lengths, an example for every variable, a taken name and language;
 * - a template send, `POST /<PHONE_NUMBER_ID>/messages` with `type: "template"`: the text
 *   header and body get exactly their parameters (POSITIONAL or NAMED), else error 132000;
 * - an interactive reply-buttons send (`type: "interactive"`, "Interactive reply buttons
 *   messages", https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/interactive-reply-buttons-messages):
 *   1–3 buttons with unique titles of 1–20 characters and ids of 1–256, a body text of at
 *   most 1024, else error 131009.
 * Shared by the sandbox's in-process Graph (graph.ts) and the tests' HTTP fake Graph
 * (test/support/fake-graph.ts).
 */

/** A Graph error to answer with: `{ error: { message, type, code, error_subcode, error_data } }`. */
export interface GraphErrorSpec {
  code: number;
  subcode?: number;
  /** HTTP status (default 400, 401 for code 190). */
  status?: number;
  message?: string;
  details?: string;
}

/** A template as Meta lists it (`GET /<WABA_ID>/message_templates`). */
export interface ListedTemplate {
  name: string;
  language: string;
  status: string;
  category?: string;
  /** POSITIONAL ({{1}}, the default) or NAMED ({{customer_name}}). */
  parameter_format?: "POSITIONAL" | "NAMED";
  /** Why Meta rejected it (Meta lists "NONE" otherwise). */
  rejected_reason?: string;
  components: unknown[];
}

/** The `template` object of a template send, as far as Meta's check reads it. */
export interface SentTemplate {
  name?: string;
  language?: { code?: string };
  components?: Array<{ type?: string; parameters?: Array<{ parameter_name?: string; text?: string }> }>;
}

type Component = {
  type?: string;
  format?: string;
  text?: string;
  example?: Record<string, unknown>;
  buttons?: Array<{ type?: string; text?: string; url?: string; example?: string[] }>;
};

const invalid = (details: string): GraphErrorSpec => ({
  code: 100,
  message: "(#100) Invalid parameter",
  details,
});

/** Meta's answer to a template creation request, or undefined when it is accepted for review. */
export function createdTemplateProblem(
  body: Record<string, unknown>,
  existing: ListedTemplate[],
): GraphErrorSpec | undefined {
  const name = String(body.name ?? "");
  if (!/^[a-z0-9_]{1,512}$/.test(name)) return invalid("name: lowercase letters, digits and _");
  if (!["MARKETING", "UTILITY", "AUTHENTICATION"].includes(String(body.category))) return invalid("category");
  if (existing.some((t) => t.name === name && t.language === body.language))
    return {
      code: 100,
      subcode: 2388024,
      message: "(#100) Invalid parameter",
      details: "Content in this language already exists",
    };
  const components = (Array.isArray(body.components) ? body.components : []) as Component[];
  const named = body.parameter_format === "NAMED";
  const limits: Record<string, number> = { HEADER: 60, BODY: 1024, FOOTER: 60 };
  if (!components.some((c) => c.type === "BODY")) return invalid("BODY is required");
  for (const c of components) {
    const text = c.text ?? "";
    if (limits[c.type ?? ""] !== undefined && text.length > limits[c.type!]!)
      return invalid(`${c.type} text too long`);
    const variables = [...text.matchAll(/\{\{([^}]*)\}\}/g)].map((m) => m[1]!);
    if (variables.length) {
      const ex = c.example ?? {};
      const given = named
        ? ((ex.body_text_named_params ?? ex.header_text_named_params ?? []) as unknown[]).length
        : (((ex.body_text as string[][] | undefined)?.[0] ?? ex.header_text ?? []) as unknown[]).length;
      if (given < new Set(variables).size)
        return invalid(`${c.type}: an example is required for each variable`);
    }
    for (const b of c.buttons ?? []) if ((b.text ?? "").length > 20) return invalid("button text too long");
  }
  return undefined;
}

/** The listed template created from an accepted creation request, PENDING review. */
export function pendingTemplate(body: Record<string, unknown>): ListedTemplate {
  return {
    name: String(body.name),
    language: String(body.language),
    status: "PENDING",
    category: String(body.category),
    parameter_format: body.parameter_format === "NAMED" ? "NAMED" : "POSITIONAL",
    components: body.components as unknown[],
  };
}

/**
 * Checks a template send against the listed template `t`, as Meta does: the text header and
 * the body get exactly their parameters, in order without names for a POSITIONAL template,
 * each with its `parameter_name` for a NAMED one. A mismatch is Meta's error 132000 with
 * the part in its details.
 */
export function sentTemplateProblem(t: ListedTemplate, sent: SentTemplate): GraphErrorSpec | undefined {
  const named = t.parameter_format === "NAMED";
  const pattern = named ? /\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}/g : /\{\{\s*(\d+)\s*\}\}/g;
  const list = t.components as Array<{ type?: string; format?: string; text?: string }>;
  for (const part of ["header", "body"] as const) {
    const c = list.find((x) => x.type?.toLowerCase() === part);
    if (!c || (part === "header" && c.format && c.format !== "TEXT")) continue;
    const expected = [...new Set([...(c.text ?? "").matchAll(pattern)].map((m) => m[1]!))];
    const given = sent.components?.find((x) => x.type === part)?.parameters ?? [];
    const mismatch = named
      ? given.length !== expected.length ||
        given.some((p) => !p.parameter_name || !expected.includes(p.parameter_name) || !p.text)
      : given.length !== expected.length || given.some((p) => p.parameter_name !== undefined || !p.text);
    if (mismatch)
      return {
        code: 132000,
        message: "(#132000) Number of parameters does not match the expected number of params",
        details: `${part}: number of localizable_params (${given.length}) does not match the expected number of params (${expected.length})`,
      };
  }
  return undefined;
}

/** The `interactive` object of an interactive send, as far as Meta's check reads it. */
export interface SentInteractive {
  type?: string;
  body?: { text?: string };
  action?: { buttons?: Array<{ type?: string; reply?: { id?: string; title?: string } }> };
}

/** Meta's answer to an interactive reply-buttons send that breaks its limits, or undefined when accepted. */
export function sentInteractiveProblem(i: SentInteractive | undefined): GraphErrorSpec | undefined {
  const bad = (details: string): GraphErrorSpec => ({
    code: 131009,
    message: "(#131009) Parameter value is not valid",
    details,
  });
  if (i?.type !== "button") return bad("interactive.type: only reply buttons are played by the sandbox");
  const body = [...(i.body?.text ?? "")].length;
  if (body < 1 || body > 1024) return bad("Body text length invalid. Min length: 1, Max length: 1024");
  const buttons = i.action?.buttons ?? [];
  if (buttons.length < 1 || buttons.length > 3)
    return bad("Invalid buttons count. Min allowed buttons: 1, Max allowed buttons: 3");
  const titles = new Set<string>();
  const ids = new Set<string>();
  for (const b of buttons) {
    const title = b.reply?.title ?? "";
    const id = b.reply?.id ?? "";
    if (b.type !== "reply") return bad("Button type must be reply");
    if ([...title].length < 1 || [...title].length > 20)
      return bad("Button title length invalid. Min length: 1, Max length: 20");
    if ([...id].length < 1 || [...id].length > 256 || id.trim() !== id)
      return bad("Button id length invalid. Min length: 1, Max length: 256");
    titles.add(title);
    ids.add(id);
  }
  if (titles.size !== buttons.length || ids.size !== buttons.length)
    return bad("Button title and id must be unique within the message");
  return undefined;
}

/**
 * A webhook payload of the WhatsApp Business Account `wabaId` with one change (Meta,
 * "Webhooks", https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks):
 * `{ object: "whatsapp_business_account", entry: [{ id, time, changes: [{ field, value }] }] }`.
 * `time` is Unix seconds.
 */
export function accountWebhook(
  wabaId: string,
  field: string,
  value: Record<string, unknown>,
  nowMs = Date.now(),
): Record<string, unknown> {
  return {
    object: "whatsapp_business_account",
    entry: [{ id: wabaId, time: Math.floor(nowMs / 1000), changes: [{ field, value }] }],
  };
}

/**
 * Meta's `message_template_status_update` value of a reviewed template (webhook reference,
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/message_template_status_update).
 */
export function templateStatusValue(id: string, t: ListedTemplate): Record<string, unknown> {
  return {
    event: t.status,
    message_template_id: Number(id),
    message_template_name: t.name,
    message_template_language: t.language,
    message_template_category: t.category,
    reason: t.rejected_reason ?? "NONE",
  };
}
