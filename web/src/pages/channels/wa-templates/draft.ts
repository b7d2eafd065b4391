/**
 * The WhatsApp template wizard's form and Meta's limits on it, mirroring the server's
 * rules (src/channels/cloud-api/template-draft.ts, which answers 400 per field) for
 * instant feedback. Meta, "Template components":
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/components
 */
import type { CreateWaTemplateInput } from "../../../api/types";

export const CATEGORIES = ["MARKETING", "UTILITY", "AUTHENTICATION"] as const;
export const LANGUAGES = ["id", "en", "en_US", "en_GB", "ms", "zh_CN", "ar", "hi", "ja", "ko"] as const;
export const HEADER_TYPES = ["NONE", "TEXT", "IMAGE", "VIDEO", "DOCUMENT"] as const;
export const LIMITS = { name: 512, headerText: 60, body: 1024, footer: 60, buttonText: 20 } as const;

/** A call-to-action button: a call (`value` a +62 number) or a link (`value` an https URL, optionally ending in {{1}}). */
export interface CtaButton {
  type: "PHONE_NUMBER" | "URL";
  text: string;
  value: string;
  /** The whole URL with an example suffix, when the URL ends in {{1}}. */
  example: string;
}

/** What the wizard edits. */
export interface WizardForm {
  name: string;
  language: string;
  category: (typeof CATEGORIES)[number];
  parameterFormat: "POSITIONAL" | "NAMED";
  headerType: (typeof HEADER_TYPES)[number];
  headerText: string;
  /** Example of the header's variable, or the handle of the media example file. */
  headerExample: string;
  body: string;
  /** Example of each body variable, by its name ("1", "first_name"). */
  bodyExamples: Record<string, string>;
  footer: string;
  buttonKind: "NONE" | "QUICK_REPLY" | "CTA";
  quickReplies: string[];
  cta: CtaButton[];
}

export const EMPTY_FORM: WizardForm = {
  name: "",
  language: "id",
  category: "MARKETING",
  parameterFormat: "POSITIONAL",
  headerType: "NONE",
  headerText: "",
  headerExample: "",
  body: "",
  bodyExamples: {},
  footer: "",
  buttonKind: "NONE",
  quickReplies: [""],
  cta: [{ type: "URL", text: "", value: "", example: "" }],
};

/** The problems the wizard names (catalogue keys under `channels.waWizard.problem`). */
type ProblemKey =
  | "required"
  | "tooLong"
  | "nameFormat"
  | "variableSyntax"
  | "positionalOnly"
  | "namedOnly"
  | "gaps"
  | "headerOneVariable"
  | "example"
  | "mediaExample"
  | "footerVariables"
  | "onePhone"
  | "phone"
  | "url"
  | "urlExample";

/** A problem: its catalogue key and the values it names. */
export interface Problem {
  key: ProblemKey;
  values?: Record<string, string | number>;
}

/** Variable samples the catalogue's texts name (`{{one}}` → "{{1}}"), kept out of i18next's own braces. */
export const SAMPLES = { one: "{{1}}", two: "{{2}}", named: "{{first_name}}" } as const;

const ANY = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The variables of `text` in first order of appearance (names as written: "1", "first_name"). */
export function variablesOf(text: string): string[] {
  return [...new Set([...text.matchAll(ANY)].map((m) => m[1]!))];
}

/** Problems with a text's variables for the chosen format, if any. */
function variableProblem(text: string, format: WizardForm["parameterFormat"]): Problem | undefined {
  const vars = variablesOf(text);
  const numbers = vars.filter((v) => /^\d+$/.test(v));
  const names = vars.filter((v) => /^[a-z_][a-z0-9_]*$/.test(v));
  if (numbers.length + names.length < vars.length) return { key: "variableSyntax" };
  if (format === "POSITIONAL" && names.length)
    return { key: "positionalOnly", values: { name: `{{${names[0]}}}` } };
  if (format === "NAMED" && numbers.length)
    return { key: "namedOnly", values: { name: `{{${numbers[0]}}}` } };
  const sorted = numbers.map(Number).sort((a, b) => a - b);
  if (sorted.some((n, i) => n !== i + 1)) return { key: "gaps" };
  return undefined;
}

/** The wizard's step of each field (0-based): where a problem is shown. */
export function stepOf(field: string): number {
  if (field === "name" || field === "language") return 0;
  if (field.startsWith("header")) return 1;
  if (field.startsWith("body")) return 2;
  if (field === "footer") return 3;
  return 4;
}

/** Meta's limits on the form, by field (`name`, `headerText`, `body`, `bodyExample.1`, `button.0.text`, …). */
export function formProblems(f: WizardForm): Record<string, Problem> {
  const out: Record<string, Problem> = {};
  const tooLong = (max: number): Problem => ({ key: "tooLong", values: { max } });
  if (!f.name) out.name = { key: "required" };
  else if (f.name.length > LIMITS.name) out.name = tooLong(LIMITS.name);
  else if (!/^[a-z0-9_]+$/.test(f.name)) out.name = { key: "nameFormat" };
  if (f.headerType === "TEXT") {
    const vars = variablesOf(f.headerText);
    const problem = variableProblem(f.headerText, f.parameterFormat);
    if (!f.headerText.trim()) out.headerText = { key: "required" };
    else if (f.headerText.length > LIMITS.headerText) out.headerText = tooLong(LIMITS.headerText);
    else if (problem) out.headerText = problem;
    else if (vars.length > 1) out.headerText = { key: "headerOneVariable" };
    else if (vars.length && !f.headerExample.trim()) out.headerExample = { key: "example" };
  } else if (f.headerType !== "NONE" && !f.headerExample.trim()) out.headerExample = { key: "mediaExample" };
  const problem = variableProblem(f.body, f.parameterFormat);
  if (!f.body.trim()) out.body = { key: "required" };
  else if (f.body.length > LIMITS.body) out.body = tooLong(LIMITS.body);
  else if (problem) out.body = problem;
  else
    for (const v of variablesOf(f.body))
      if (!f.bodyExamples[v]?.trim()) out[`bodyExample.${v}`] = { key: "example" };
  if (f.footer.length > LIMITS.footer) out.footer = tooLong(LIMITS.footer);
  else if (/\{\{.*?\}\}/.test(f.footer)) out.footer = { key: "footerVariables" };
  const texts =
    f.buttonKind === "QUICK_REPLY" ? f.quickReplies : f.buttonKind === "CTA" ? f.cta.map((b) => b.text) : [];
  texts.forEach((text, i) => {
    if (!text.trim()) out[`button.${i}.text`] = { key: "required" };
    else if (text.length > LIMITS.buttonText) out[`button.${i}.text`] = tooLong(LIMITS.buttonText);
  });
  if (f.buttonKind === "CTA") {
    if (f.cta.filter((b) => b.type === "PHONE_NUMBER").length > 1) out.buttons = { key: "onePhone" };
    f.cta.forEach((b, i) => {
      if (b.type === "PHONE_NUMBER" && !/^\+62\d{8,13}$/.test(b.value))
        out[`button.${i}.value`] = { key: "phone" };
      if (b.type !== "URL") return;
      const dynamic = b.value.endsWith("{{1}}");
      let https = false;
      try {
        https = new URL(b.value.replace(/\{\{1\}\}$/, "x")).protocol === "https:";
      } catch {}
      if (!https || variablesOf(b.value).length > (dynamic ? 1 : 0))
        out[`button.${i}.value`] = { key: "url" };
      else if (dynamic && !b.example.startsWith("https://"))
        out[`button.${i}.example`] = { key: "urlExample" };
    });
  }
  return out;
}

/** The API body of the form, and the form field each `components[i]` of it comes from (to place the server's field errors). */
export function toInput(f: WizardForm): { input: CreateWaTemplateInput; fieldOf: (path: string) => string } {
  const components: CreateWaTemplateInput["components"] = [];
  const sources: string[] = [];
  const named = f.parameterFormat === "NAMED";
  if (f.headerType === "TEXT") {
    const v = variablesOf(f.headerText)[0];
    const example = v
      ? named
        ? { header_text_named_params: [{ param_name: v, example: f.headerExample }] }
        : { header_text: [f.headerExample] }
      : undefined;
    components.push({ type: "HEADER", format: "TEXT", text: f.headerText, ...(example ? { example } : {}) });
    sources.push("header");
  } else if (f.headerType !== "NONE") {
    components.push({ type: "HEADER", format: f.headerType, example: { header_handle: [f.headerExample] } });
    sources.push("header");
  }
  const vars = variablesOf(f.body);
  const bodyExample = !vars.length
    ? undefined
    : named
      ? { body_text_named_params: vars.map((v) => ({ param_name: v, example: f.bodyExamples[v] ?? "" })) }
      : { body_text: [vars.map((v) => f.bodyExamples[v] ?? "")] };
  components.push({ type: "BODY", text: f.body, ...(bodyExample ? { example: bodyExample } : {}) });
  sources.push("body");
  if (f.footer.trim()) {
    components.push({ type: "FOOTER", text: f.footer });
    sources.push("footer");
  }
  if (f.buttonKind === "QUICK_REPLY") {
    components.push({
      type: "BUTTONS",
      buttons: f.quickReplies.map((text) => ({ type: "QUICK_REPLY" as const, text })),
    });
    sources.push("button");
  } else if (f.buttonKind === "CTA") {
    components.push({
      type: "BUTTONS",
      buttons: f.cta.map((b) =>
        b.type === "PHONE_NUMBER"
          ? { type: "PHONE_NUMBER" as const, text: b.text, phone_number: b.value }
          : {
              type: "URL" as const,
              text: b.text,
              url: b.value,
              ...(b.example ? { example: [b.example] } : {}),
            },
      ),
    });
    sources.push("button");
  }
  const input: CreateWaTemplateInput = {
    name: f.name,
    language: f.language,
    category: f.category,
    parameterFormat: f.parameterFormat,
    components,
  };
  const fieldOf = (path: string) => {
    const m = /^components\[(\d+)\](?:\.buttons\[(\d+)\])?\.?(\w+)?/.exec(path);
    if (!m) return path;
    const source = sources[Number(m[1])] ?? "body";
    if (source === "button") return m[2] !== undefined ? `button.${m[2]}.text` : "buttons";
    if (source === "header") return m[3] === "example" ? "headerExample" : "headerText";
    return source;
  };
  return { input, fieldOf };
}

/** `text` with each variable replaced by its example (the variable itself when none is given yet). */
export function withExamples(text: string, examples: Record<string, string>): string {
  return text.replace(ANY, (whole, v: string) => examples[v]?.trim() || whole);
}
