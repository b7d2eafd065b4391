/**
 * Reminders on Cloud API numbers send an approved WhatsApp template (Meta delivers no free
 * text outside the 24-hour customer-service window). The shop maps each template parameter
 * to a Kabar template string, which may use the reminder variables `{{reminder.items}}` and
 * `{{reminder.suggestions}}` besides `{{name|Kak}}`. The run's campaign knows a customer's
 * reminder values as columns ({{1}} products, {{2}} suggestions: render.ts), so the mapping
 * is rewritten onto them ({@link reminderTemplateRef}).
 */
import type { ReminderWaTemplate } from "./schemas.js";

const ITEMS = /\{\{\s*reminder\.items\s*\}\}/g;
const SUGGESTIONS = /\{\{\s*reminder\.suggestions\s*\}\}/g;

/**
 * Meta refuses a template parameter that is blank (error 131008 "Required parameter is
 * missing"), so suggestions a customer has none of read as this.
 */
export const NO_SUGGESTIONS = "-";

/** One Kabar template string with the reminder variables as the run's columns. */
const asColumns = (v: string) => v.replace(ITEMS, "{{1}}").replace(SUGGESTIONS, "{{2}}");

const mapValues = (v: ReminderWaTemplate["body"]): ReminderWaTemplate["body"] =>
  v === undefined
    ? undefined
    : Array.isArray(v)
      ? v.map(asColumns)
      : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, asColumns(x)]));

/**
 * The shop's template as the run's campaign sends it: every header, body and button value
 * with `{{reminder.items}}` → `{{1}}` and `{{reminder.suggestions}}` → `{{2}}` (the
 * columns of the run, src/modules/reminders/queries.ts `reminderRunColumns`); the rest
 * (`{{name|Kak}}`, attributes, spintax) is left for the campaign to render per customer.
 */
export function reminderTemplateRef(ref: ReminderWaTemplate): ReminderWaTemplate {
  return {
    ...ref,
    ...(ref.header !== undefined ? { header: mapValues(ref.header) } : {}),
    ...(ref.body !== undefined ? { body: mapValues(ref.body) } : {}),
    ...(ref.buttons
      ? { buttons: ref.buttons.map((b) => ({ ...b, parameter: asColumns(b.parameter) })) }
      : {}),
  };
}

/**
 * A customer's run columns for a template run ([products, suggestions, suggestions line]):
 * no suggestions read {@link NO_SUGGESTIONS}, as a template parameter may not be blank.
 */
export function templateColumns(columns: readonly string[]): string[] {
  return columns.map((c, i) => (i === 1 && c.trim() === "" ? NO_SUGGESTIONS : c));
}
