/**
 * Meta's per-message prices of the WhatsApp Business Platform (Cloud API), in rupiah, and the
 * cost of a campaign under them.
 *
 * Since 1 July 2025 Meta charges per delivered template message, by the template's category
 * (MARKETING, UTILITY, AUTHENTICATION) and the recipient's market, read from the country
 * calling code of the recipient's number (Meta, "Pricing on the WhatsApp Business Platform",
 * https://developers.facebook.com/docs/whatsapp/pricing). Non-template (service) messages
 * are free inside the customer-service window, and so are UTILITY templates delivered inside
 * an open window; the estimate charges every message of the campaign (an upper bound).
 * Meta announced changes effective 1 October 2026 (service messages and utility templates
 * inside the window become chargeable, reported by BSPs; not confirmed here against Meta's
 * own page): a template campaign's estimate is unaffected by them.
 *
 * The default table (`DEFAULT_META_RATES`) holds Indonesia (+62) only. Its figures are those
 * of Meta's IDR rate card effective 1 July 2025 (https://developers.facebook.com/docs/whatsapp/pricing#rate-cards):
 * MARKETING Rp586,33, UTILITY Rp356,65, AUTHENTICATION Rp356,65 per delivered message. They
 * could NOT be checked against the downloaded rate card when this was written: treat them
 * as indicative and set `KABAR_META_RATES` from the card your WhatsApp Business Account is
 * billed by (Meta changes rates every quarter; volume tiers lower UTILITY and
 * AUTHENTICATION). Other markets have no default: their recipients are counted as unknown
 * unless the operator adds their calling code or a rest-of-world row (`"*"`).
 */
import { z } from "zod";

/** The template categories Meta prices (the `category` of a synced `wa_templates` row). */
export const META_PRICED_CATEGORIES = ["MARKETING", "UTILITY", "AUTHENTICATION"] as const;
/** One of `META_PRICED_CATEGORIES`. */
export type MetaPricedCategory = (typeof META_PRICED_CATEGORIES)[number];

/** Rupiah per delivered message, at most 2 decimals (Meta's rate cards give sen). */
const rupiah = z
  .number()
  .nonnegative()
  .max(1_000_000)
  .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, "at most 2 decimals (rupiah and sen)");

/** One market's rates: rupiah per message by category; a category left out keeps the default. */
const marketRates = z.strictObject({
  MARKETING: rupiah.optional(),
  UTILITY: rupiah.optional(),
  AUTHENTICATION: rupiah.optional(),
});

/**
 * The table: country calling code (digits, no "+", e.g. "62") or "*" (rest of world) →
 * rupiah per message by category.
 */
export type MetaRates = Record<string, Partial<Record<MetaPricedCategory, number>>>;

/**
 * Indonesia (+62) only; figures of Meta's IDR rate card effective 2025-07-01
 * (https://developers.facebook.com/docs/whatsapp/pricing#rate-cards), not verified (see above).
 */
export const DEFAULT_META_RATES: MetaRates = {
  "62": { MARKETING: 586.33, UTILITY: 356.65, AUTHENTICATION: 356.65 },
};

/**
 * `KABAR_META_RATES`: a JSON object `{ "<calling code>" | "*": { "MARKETING"?: n,
 * "UTILITY"?: n, "AUTHENTICATION"?: n } }`, rupiah per message, merged over
 * `DEFAULT_META_RATES` market by market and category by category. Parses to the merged table;
 * bad JSON or a bad key / value is an issue naming it.
 */
export const metaRatesEnv = z
  .string()
  .transform((v, ctx) => {
    try {
      return JSON.parse(v) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: 'must be JSON, e.g. {"62":{"MARKETING":586.33}}' });
      return z.NEVER;
    }
  })
  .pipe(
    z.record(z.string().regex(/^(\*|[1-9][0-9]{0,3})$/, 'a country calling code ("62") or "*"'), marketRates),
  )
  .transform((o) => mergeMetaRates(DEFAULT_META_RATES, o as MetaRates));

/** `override` over `base`, market by market, category by category (neither is changed). */
function mergeMetaRates(base: MetaRates, override: MetaRates): MetaRates {
  const out: MetaRates = {};
  for (const [k, v] of Object.entries(base)) out[k] = { ...v };
  for (const [k, v] of Object.entries(override)) out[k] = { ...out[k], ...v };
  return out;
}

/**
 * The table's market of an E.164 phone ("+6281…" or "6281…"): the longest calling code of the
 * table the digits start with, else "*" when the table has a rest-of-world row, else null
 * (unknown market).
 */
export function marketOfPhone(rates: MetaRates, phone: string): string | null {
  const digits = phone.replace(/^\+/, "");
  let best: string | null = null;
  for (const code of Object.keys(rates)) {
    if (code !== "*" && digits.startsWith(code) && code.length > (best?.length ?? 0)) best = code;
  }
  return best ?? ("*" in rates ? "*" : null);
}

/** One market's share of a campaign's cost. */
interface MarketCost {
  /** Calling code, or "*" for rest of world. */
  market: string;
  messages: number;
  /** Rupiah per message (may have sen). */
  rate: number;
}

/** A campaign's estimated cost under the table. */
interface MetaCost {
  category: MetaPricedCategory;
  /** Priced markets, most messages first. */
  byMarket: MarketCost[];
  /** Messages to numbers whose market (or this category in it) has no rate: not in `rupiah`. */
  unknownMessages: number;
  /** Σ messages × rate over `byMarket`, rounded to whole rupiah, half up (computed in sen). */
  rupiah: number;
}

/**
 * The cost of sending one `category` template to each phone prefix group: `counts` maps a
 * phone (or any prefix of its digits long enough for the table's codes) to its message count.
 */
export function metaCost(
  rates: MetaRates,
  category: MetaPricedCategory,
  counts: Map<string, number>,
): MetaCost {
  const byMarket = new Map<string, MarketCost>();
  let unknownMessages = 0;
  for (const [phone, n] of counts) {
    if (n <= 0) continue;
    const market = marketOfPhone(rates, phone);
    const rate = market === null ? undefined : rates[market]?.[category];
    if (market === null || rate === undefined) {
      unknownMessages += n;
      continue;
    }
    const m = byMarket.get(market) ?? { market, messages: 0, rate };
    m.messages += n;
    byMarket.set(market, m);
  }
  const list = [...byMarket.values()].sort(
    (a, b) => b.messages - a.messages || a.market.localeCompare(b.market),
  );
  const sen = list.reduce((s, m) => s + m.messages * Math.round(m.rate * 100), 0);
  return { category, byMarket: list, unknownMessages, rupiah: Math.floor((sen + 50) / 100) };
}

/** Whether a synced template's category is one Meta prices (else null: free or unknown). */
export function pricedCategory(category: string | null | undefined): MetaPricedCategory | null {
  return (META_PRICED_CATEGORIES as readonly string[]).includes(category ?? "")
    ? (category as MetaPricedCategory)
    : null;
}
