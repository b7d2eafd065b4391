/**
 * A reminder's text: the shop's message (or the default below) with the customer's
 * `{{reminder.items}}` and `{{reminder.suggestions}}`, then the usual template rules
 * (`{{name|Kak}}`, spintax; src/modules/templates/render.ts).
 */
import { renderTemplate } from "../templates/index.js";
import { formatRupiah } from "../../lib/rupiah.js";

/** The default message (Indonesian), used while the shop has not written its own. */
export const DEFAULT_REMINDER_MESSAGE = [
  "Halo {{name|Kak}} 👋",
  "{{reminder.items}} yang Kakak beli sepertinya sudah mau habis. Mau pesan lagi?",
  "Mungkin Kakak juga suka: {{reminder.suggestions}}",
  "",
  "Balas *PESAN LAGI* untuk pesan yang sama, *NANTI* untuk diingatkan minggu depan, atau *STOP* kalau tidak mau diingatkan lagi.",
].join("\n");

/** Names as a sentence: "A", "A dan B", "A, B dan C". */
export function listText(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} dan ${names.at(-1)}`;
}

/** What one customer's reminder says. */
interface ReminderValues {
  name: string | null;
  /** E.164. */
  phone: string;
  /** Product names. */
  items: readonly string[];
  /** Suggested products with their price (rupiah). */
  suggestions: ReadonlyArray<{ name: string; price: number }>;
}

const ITEMS = /\{\{\s*reminder\.items\s*\}\}/g;
const SUGGESTIONS = /\{\{\s*reminder\.suggestions\s*\}\}/g;
const HAS_SUGGESTIONS = new RegExp(SUGGESTIONS.source);

/** The first line holding `{{reminder.suggestions}}`, with the newline that goes with it. */
function suggestionsLine(
  message: string,
): { start: number; end: number; line: string; nl: "after" | "before" | "" } | null {
  let start = 0;
  for (const line of message.split("\n")) {
    const end = start + line.length;
    if (HAS_SUGGESTIONS.test(line)) {
      if (end < message.length) return { start, end: end + 1, line, nl: "after" };
      if (start > 0) return { start: start - 1, end, line, nl: "before" };
      return { start, end, line, nl: "" };
    }
    start = end + 1;
  }
  return null;
}

/** The shop's message with the reminder variables as columns: `{{1}}` items, `{{2}}` suggestions, `{{3}}` the suggestions line. */
const asColumns = (text: string) => text.replace(ITEMS, "{{1}}").replace(SUGGESTIONS, "{{2}}");

/**
 * The message as a campaign body: the reminder variables become import columns, and the
 * first line holding `{{reminder.suggestions}}` becomes `{{3}}`, whose value is that line
 * rendered, or nothing when there is nothing to suggest (so the line goes, newline and all).
 * Values go in as they are, never parsed as markup (src/modules/templates/render.ts).
 */
export function reminderBody(message: string): string {
  const at = suggestionsLine(message);
  const body = at ? `${message.slice(0, at.start)}{{3}}${message.slice(at.end)}` : message;
  return asColumns(body);
}

/** A customer's column values of {@link reminderBody}: products, suggestions, the suggestions line. */
export function reminderColumns(message: string, v: ReminderValues, seed: string): string[] {
  const items = listText(v.items);
  const suggestions = v.suggestions.map((s) => `${s.name} (${formatRupiah(s.price)})`).join(", ");
  const at = suggestionsLine(message);
  let line = "";
  if (at && suggestions !== "") {
    const text = renderTemplate(asColumns(at.line), context(v, [items, suggestions]), seed).text;
    line = at.nl === "after" ? `${text}\n` : at.nl === "before" ? `\n${text}` : text;
  }
  return [items, suggestions, line];
}

const context = (v: ReminderValues, columns: string[]) => ({
  name: v.name ?? undefined,
  phone: v.phone,
  attributes: {},
  columns,
});

/**
 * Renders a reminder for one customer, exactly as its campaign will (the same body and
 * columns). A line holding `{{reminder.suggestions}}` is left out when there is nothing to
 * suggest (cross-sell off, or no product fits). `seed` picks spintax.
 */
export function renderReminder(message: string, v: ReminderValues, seed: string): string {
  return renderTemplate(reminderBody(message), context(v, reminderColumns(message, v, seed)), seed).text;
}
