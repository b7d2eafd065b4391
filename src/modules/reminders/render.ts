/**
 * A reminder's text: the shop's message (or the default below) with the customer's
 * `{{reminder.items}}` and `{{reminder.suggestions}}`, then the usual template rules
 * (`{{name|Kak}}`, spintax; src/modules/templates/render.ts).
 */
import { renderTemplate } from "../templates/index.js";

/** The default message (Indonesian), used while the shop has not written its own. */
export const DEFAULT_REMINDER_MESSAGE = [
  "Halo {{name|Kak}} 👋",
  "{{reminder.items}} yang Kakak beli sepertinya sudah mau habis. Mau pesan lagi?",
  "Mungkin Kakak juga suka: {{reminder.suggestions}}",
  "",
  "Balas *PESAN LAGI* untuk pesan yang sama, *NANTI* untuk diingatkan minggu depan, atau *STOP* kalau tidak mau diingatkan lagi.",
].join("\n");

/** Rupiah as Indonesians write it: 150000 → "Rp150.000". */
export function rupiah(amount: number): string {
  return `Rp${amount.toLocaleString("id-ID", { maximumFractionDigits: 0 })}`;
}

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

/** The `{{reminder.items}}` and `{{reminder.suggestions}}` values of a customer. */
function reminderVariables(v: ReminderValues): { items: string; suggestions: string } {
  return {
    items: listText(v.items),
    suggestions: v.suggestions.map((s) => `${s.name} (${rupiah(s.price)})`).join(", "),
  };
}

/**
 * Renders a reminder for one customer. A line holding `{{reminder.suggestions}}` is left
 * out when there is nothing to suggest (cross-sell off, or no product fits), so the
 * message never says "you may also like:" with nothing after it. `seed` picks spintax.
 */
export function renderReminder(message: string, v: ReminderValues, seed: string): string {
  const vars = reminderVariables(v);
  const lines = message
    .split("\n")
    .filter((line) => vars.suggestions !== "" || !new RegExp(SUGGESTIONS.source).test(line));
  // The values go in as import columns ({{1}}, {{2}}): inserted as they are, never parsed as markup.
  const body = lines.join("\n").replace(ITEMS, "{{1}}").replace(SUGGESTIONS, "{{2}}");
  return renderTemplate(
    body,
    { name: v.name ?? undefined, phone: v.phone, attributes: {}, columns: [vars.items, vars.suggestions] },
    seed,
  ).text;
}
