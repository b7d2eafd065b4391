import type { TFunction } from "i18next";
import type { AfterCreate, NewCampaign } from "../../../api/campaigns";
import type { RfmSegment } from "../../../api/segments";
import type { Audience, WaTemplate } from "../../../api/types";
import {
  type KindOf,
  type MessageMode,
  POOL_MAX,
  type PoolPick,
  poolInput,
  type Routing,
  validWeight,
} from "./pool";

/** The composer's steps, in order. The channel comes before the message: a Cloud API channel needs a WhatsApp template. */
export const STEPS = ["audience", "channel", "message", "schedule", "review"] as const;
type Step = (typeof STEPS)[number];

/** Everything the composer collects; turned into the API's body by `toInput`. */
export interface Draft {
  name: string;
  audienceType: "labels" | "all" | "import" | "segment" | "outlet";
  labels: string[];
  match: "any" | "all";
  importId: string | null;
  /** An RFM segment's customers (api/segments.ts). */
  segment: string | null;
  /** An outlet's customers (issue 13; offered when the shop has two outlets or more). */
  outletId: string | null;
  channelId: string | null;
  /** A saved template whose body (and media) the message starts from. */
  templateId: string | null;
  body: string;
  /** Cloud API: the approved WhatsApp template (name + language)… */
  waTemplate: { name: string; language: string } | null;
  /** …and its values by `waParamKey` ("body.1", "body.customer_name", "header.toko"). */
  waParams: Record<string, string>;
  /** "Kirim dari beberapa nomor": the campaign goes out over `pool` (see pool.ts). */
  multi: boolean;
  /** The numbers picked to send it, each with its weight (the main number is always in the pool sent). */
  pool: PoolPick[];
  /** Hybrid routing, when the pool mixes a Cloud API number with WhatsApp Web / sandbox numbers. */
  routing: Routing;
  when: "now" | "later";
  /** Local date-time in the shop's zone, "YYYY-MM-DDTHH:mm" (from an <input type="datetime-local">). */
  at: string;
}

export const EMPTY_DRAFT: Draft = {
  name: "",
  audienceType: "labels",
  labels: [],
  match: "any",
  importId: null,
  segment: null,
  outletId: null,
  channelId: null,
  templateId: null,
  body: "",
  waTemplate: null,
  waParams: {},
  multi: false,
  pool: [],
  routing: "weighted",
  when: "now",
  at: "",
};

/** The audience of a draft, as the API takes it. */
export function audienceOf(d: Draft): Audience {
  if (d.audienceType === "all") return { type: "all" };
  if (d.audienceType === "import") return { type: "import", importId: d.importId ?? "" };
  if (d.audienceType === "segment") return { type: "segment", segment: (d.segment ?? "") as RfmSegment };
  if (d.audienceType === "outlet") return { type: "outlet", outletId: d.outletId ?? "" };
  return { type: "labels", labels: d.labels, match: d.match };
}

/** The text of a WhatsApp template's BODY component ('' when it has none). */
export function waBodyText(template: Pick<WaTemplate, "components">): string {
  const components = Array.isArray(template.components)
    ? (template.components as Array<{ type?: unknown; text?: unknown }>)
    : [];
  const body = components.find((c) => String(c?.type ?? "").toUpperCase() === "BODY");
  return typeof body?.text === "string" ? body.text : "";
}

/** The text of a WhatsApp template's text HEADER component (null when it has none or it is media). */
function waHeaderText(template: Pick<WaTemplate, "components">): string | null {
  const components = Array.isArray(template.components)
    ? (template.components as Array<{ type?: unknown; format?: unknown; text?: unknown }>)
    : [];
  const header = components.find((c) => String(c?.type ?? "").toUpperCase() === "HEADER");
  const format = String(header?.format ?? "TEXT").toUpperCase();
  return format === "TEXT" && typeof header?.text === "string" ? header.text : null;
}

/** The parts of a WhatsApp template that take values. */
const WA_PARTS = ["header", "body"] as const;
type WaPart = (typeof WA_PARTS)[number];

/** The draft's key of one template parameter: "body.1" ({{1}}) or "body.customer_name" (NAMED). */
export const waParamKey = (part: WaPart, name: string): string => `${part}.${name}`;

/** The template's parameters a campaign fills, part by part (none when the template is unknown). */
export function waParameters(template: Pick<WaTemplate, "parameters"> | undefined): Array<[WaPart, string]> {
  return WA_PARTS.flatMap((part) =>
    (template?.parameters[part] ?? []).map((n): [WaPart, string] => [part, n]),
  );
}

/** A template text with the draft's values in place; a parameter without one stays as written. */
function fillWaText(text: string, part: WaPart, values: Record<string, string>): string {
  return text.replace(
    /\{\{\s*([a-z0-9_]+)\s*\}\}/g,
    (m, name: string) => values[waParamKey(part, name)]?.trim() || m,
  );
}

/** A template as the customer reads it: its text header and its body, the values in place. */
export function filledWaTemplate(
  template: Pick<WaTemplate, "components">,
  values: Record<string, string>,
): string {
  const header = waHeaderText(template);
  return [header && fillWaText(header, "header", values), fillWaText(waBodyText(template), "body", values)]
    .filter(Boolean)
    .join("\n");
}

/** A template's key among a channel's templates: "name|language". */
export const waTemplateKey = (x: Pick<WaTemplate, "name" | "language">): string => `${x.name}|${x.language}`;

/** A campaign's template values as "name = value" pairs: {{1}}… in order, or by name. */
export function waParamEntries(
  values: string[] | Record<string, string> | undefined,
): Array<[string, string]> {
  if (!values) return [];
  return Array.isArray(values) ? values.map((v, i) => [String(i + 1), v]) : Object.entries(values);
}

/**
 * The POST /campaigns body of a draft. The message mode (pool.ts `messageModeOf`) decides free
 * text, a WhatsApp template, or both (hybrid); the pool and routing go only when the campaign
 * has more than one number. A POSITIONAL template's values go in order ({{1}}, {{2}}, …), a
 * NAMED one's by name.
 */
export function toInput(
  d: Draft,
  mode: MessageMode,
  kindOf: KindOf,
  template?: Pick<WaTemplate, "parameterFormat" | "parameters">,
): NewCampaign {
  const base = {
    name: d.name.trim(),
    channelId: d.channelId ?? "",
    audience: audienceOf(d),
    ...poolInput(d, kindOf),
  };
  const text = { body: d.body, ...(d.templateId ? { templateId: d.templateId } : {}) };
  if (mode === "text") return { ...base, ...text };
  const t = d.waTemplate;
  const values: Partial<Record<WaPart, string[] | Record<string, string>>> = {};
  for (const part of WA_PARTS) {
    const names = template?.parameters[part] ?? [];
    if (names.length === 0) continue;
    const value = (n: string) => d.waParams[waParamKey(part, n)] ?? "";
    values[part] =
      template?.parameterFormat === "NAMED"
        ? Object.fromEntries(names.map((n) => [n, value(n)]))
        : names.map(value);
  }
  const waTemplate = t ? { name: t.name, language: t.language, ...values } : undefined;
  return mode === "hybrid" ? { ...base, ...text, waTemplate } : { ...base, waTemplate };
}

/** What to do after saving, when the user sends (now or at the chosen time). */
export function sendAction(d: Draft): AfterCreate {
  return d.when === "later" ? { kind: "schedule", at: d.at } : { kind: "start" };
}

/** Facts a step's check needs besides the draft. */
interface StepContext {
  /** What the message step asks for (pool.ts `messageModeOf`). */
  mode: MessageMode;
  /** The pool mixes Cloud API with WhatsApp Web numbers (pool.ts `mixesRails`). */
  mixedRails: boolean;
  /** The chosen WhatsApp template (its parameters each need a value). */
  waTemplate?: Pick<WaTemplate, "parameters">;
}

/** Problems of one step, field → message; empty when the user may go on. */
export function validateStep(step: Step, d: Draft, ctx: StepContext, t: TFunction): Record<string, string> {
  const e: Record<string, string> = {};
  if (step === "audience") {
    if (!d.name.trim()) e.name = t("composer.needName");
    if (d.audienceType === "labels" && d.labels.length === 0) e.audience = t("composer.needLabels");
    if (d.audienceType === "import" && !d.importId) e.audience = t("composer.needImport");
    if (d.audienceType === "segment" && !d.segment) e.audience = t("composer.needSegment");
    if (d.audienceType === "outlet" && !d.outletId) e.audience = t("settings.outlets.needOutlet");
  }
  if (step === "channel") {
    if (!d.channelId) e.channelId = t("composer.needChannel");
    if (d.multi) Object.assign(e, poolProblems(d, ctx, t));
  }
  if (step === "message") {
    if (ctx.mode !== "text") {
      if (!d.waTemplate) e.waTemplate = t("composer.needWaTemplate");
      for (const [part, name] of waParameters(ctx.waTemplate))
        if (!d.waParams[waParamKey(part, name)]?.trim())
          e[`waTemplate.${waParamKey(part, name)}`] = t("composer.needParam", { n: `{{${name}}}` });
    }
    if (ctx.mode !== "template" && !d.body.trim()) e.body = t("composer.needMessage");
  }
  if (step === "schedule" && d.when === "later" && !/^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(d.at))
    e.at = t("composer.needTime");
  return e;
}

/** The pool's problems: a weight out of 1–100, too many numbers, or both rails without hybrid routing. */
function poolProblems(d: Draft, ctx: StepContext, t: TFunction): Record<string, string> {
  const e: Record<string, string> = {};
  const picked = d.pool.filter((p) => p.channelId !== d.channelId);
  if (picked.length + 1 > POOL_MAX) e.pool = t("pool.tooMany", { n: POOL_MAX });
  else if (ctx.mixedRails && d.routing !== "hybrid") e.pool = t("pool.needHybrid");
  for (const p of d.pool) if (!validWeight(p.weight)) e[`pool.weight.${p.channelId}`] = t("pool.badWeight");
  return e;
}

/** The step holding a field the server refused (e.g. `audience.labels` → audience). */
export function stepOfField(field: string): Step {
  const top = field.split(".")[0];
  if (top === "name" || top === "audience") return "audience";
  if (top === "channelId" || top === "pool" || top === "routing") return "channel";
  if (top === "at" || top === "timeZone") return "schedule";
  return "message";
}

/** A duration in seconds, rounded for people ("± 2 jam 5 menit"). */
export function formatDuration(t: TFunction, seconds: number): string {
  if (seconds < 60) return t("composer.duration.underMinute");
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return t("composer.duration.minutes", { count: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t("composer.duration.hours", { h: hours, m: minutes % 60 });
  return t("composer.duration.days", { d: Math.floor(hours / 24), h: hours % 24 });
}
