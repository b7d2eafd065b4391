/**
 * A campaign's actual Meta cost: what Meta billed for its messages, read from the pricing
 * its status webhooks carried (stored on each recipient by the outbox recorder), priced
 * with the operator's rate table (src/channels/meta-pricing.ts) and rounded like the
 * estimate (`metaCost`: whole rupiah, half up, computed in sen).
 */
import type { Db } from "../../db/client.js";
import { DEFAULT_META_RATES, metaCost, pricedCategory, type MetaRates } from "../../channels/meta-pricing.js";
import { billedRecipients } from "./queries/actual-cost.js";

/** One of Meta's pricing categories of a campaign's billed messages. */
interface CategoryCost {
  /** Meta's category as its webhook spells it (`marketing`, `utility`, …). */
  category: string;
  /** Messages Meta billed in this category. */
  messages: number;
  /** Their cost, whole rupiah; null when the table has no rate for the category or the market. */
  rupiah: number | null;
}

/** What Meta charged for a campaign (`GET /campaigns/:id`'s `actualCost`). */
interface ActualCost {
  /** By category, most messages first. */
  byCategory: CategoryCost[];
  /** Σ of the categories' rupiah (the unpriced ones count 0). */
  rupiah: number;
}

/**
 * The actual cost of one campaign of the tenant under `rates`, or null when Meta billed
 * none of its messages (WhatsApp Web and sandbox numbers, service messages, nothing
 * delivered yet). A billed message whose category or market has no rate is counted in
 * `messages` but not priced.
 */
export async function campaignActualCost(
  db: Db,
  tenantId: string,
  campaignId: string,
  rates: MetaRates = DEFAULT_META_RATES,
): Promise<ActualCost | null> {
  const rows = await billedRecipients(db, tenantId, campaignId);
  if (rows.length === 0) return null;
  const byCategory = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const prefixes = byCategory.get(r.category) ?? new Map<string, number>();
    prefixes.set(r.prefix, (prefixes.get(r.prefix) ?? 0) + r.n);
    byCategory.set(r.category, prefixes);
  }
  const list: CategoryCost[] = [];
  for (const [category, counts] of byCategory) {
    const messages = [...counts.values()].reduce((s, n) => s + n, 0);
    const priced = pricedCategory(category.toUpperCase());
    const cost = priced ? metaCost(rates, priced, counts) : null;
    list.push({ category, messages, rupiah: cost?.byMarket.length ? cost.rupiah : null });
  }
  list.sort((a, b) => b.messages - a.messages || a.category.localeCompare(b.category));
  return { byCategory: list, rupiah: list.reduce((s, c) => s + (c.rupiah ?? 0), 0) };
}
