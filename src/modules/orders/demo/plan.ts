/**
 * Six months of the demo shop's orders, planned without the database: a pure function of
 * the seed, the time and the customers, so one seed always gives the same history.
 *
 * Customers follow profiles chosen so that every RFM segment of src/modules/segments has
 * members once it is computed (scores rank customers within the shop, so the profiles'
 * bands do not overlap where a score's fifth would split them): best customers buying
 * every two weeks until this week, loyal small buyers, a few resellers buying in bulk,
 * customers who bought often and stopped, lapsed ones (no order for over 180 days), new
 * ones, recent second-timers, one-off small buyers, and some who never ordered.
 */
import { createRng, type Rng } from "../../../channels/sandbox/prng.js";
import { zonedParts } from "../../../lib/time.js";
import type { OrderStatus } from "../schemas.js";
import {
  basket,
  type BasketKind,
  CANCEL_REASONS,
  COURIERS,
  DEMO_PLACES,
  DEMO_PRODUCTS,
  RETURN_REASONS,
  shippingTo,
  STREETS,
  weighted,
} from "./catalogue.js";

const DAY = 86_400_000;
const HOUR = 3_600_000;

type PaymentMethod = "transfer" | "cod" | "qris" | "ewallet";

/** One customer profile: how many of them, when they bought first and last (days ago), how many orders, how much. */
interface Profile {
  name: string;
  count: number;
  last: readonly [number, number];
  first: readonly [number, number];
  orders: readonly [number, number];
  basket: BasketKind;
  /** Chance of one more order that was cancelled or returned (not a sale). */
  closed: number;
}

/** The profiles, in the order customers are given them (the rest never ordered). */
const PROFILES: readonly Profile[] = [
  {
    name: "champion",
    count: 7,
    last: [0.2, 6],
    first: [170, 195],
    orders: [10, 13],
    basket: "regular",
    closed: 0.5,
  },
  {
    name: "promising",
    count: 5,
    last: [0.5, 10],
    first: [25, 60],
    orders: [2, 2],
    basket: "small",
    closed: 0,
  },
  { name: "new", count: 4, last: [1, 18], first: [1, 18], orders: [1, 1], basket: "small", closed: 0 },
  {
    name: "loyal",
    count: 6,
    last: [21, 32],
    first: [165, 190],
    orders: [8, 10],
    basket: "small",
    closed: 0.4,
  },
  {
    name: "big spender",
    count: 4,
    last: [22, 35],
    first: [100, 170],
    orders: [4, 5],
    basket: "bulk",
    closed: 0.3,
  },
  {
    name: "at risk",
    count: 6,
    last: [90, 140],
    first: [170, 195],
    orders: [4, 6],
    basket: "regular",
    closed: 0.4,
  },
  { name: "one-off", count: 6, last: [45, 80], first: [45, 80], orders: [1, 1], basket: "tiny", closed: 0.3 },
  {
    name: "lapsed",
    count: 5,
    last: [183, 192],
    first: [185, 198],
    orders: [1, 2],
    basket: "small",
    closed: 0,
  },
];

/** A line of a planned order (the product is found by SKU when it is stored). */
interface PlannedLine {
  position: number;
  sku: string;
  name: string;
  quantity: number;
  unitPrice: number;
  lineTotal: number;
}

/** An entry of a planned order's history (the creation, then each status move). */
interface PlannedEvent {
  kind: "created" | "status";
  fromStatus: OrderStatus | null;
  toStatus: OrderStatus;
  note: string | null;
  at: Date;
}

/** One order of the demo history, as it is stored. */
interface PlannedOrder {
  /** Index of its customer in the `customers` given to {@link planDemoOrders}. */
  customer: number;
  number: string;
  status: OrderStatus;
  paymentMethod: PaymentMethod;
  subtotal: number;
  discount: number;
  shippingCost: number;
  total: number;
  address: string;
  province: string;
  city: string;
  courier: string | null;
  trackingNumber: string | null;
  closeReason: string | null;
  source: "manual" | "inbox";
  placedAt: Date;
  completedAt: Date | null;
  updatedAt: Date;
  lines: PlannedLine[];
  events: PlannedEvent[];
}

/** An order as placed, before it moves along its flow; `closed`: it ends cancelled or returned. */
type Sale = Omit<
  PlannedOrder,
  "number" | "status" | "courier" | "trackingNumber" | "closeReason" | "completedAt" | "updatedAt" | "events"
> & { closed: boolean };

/** The planned history: orders oldest first, and each month's last order number (`YYYY/MM` → n). */
interface DemoHistory {
  orders: PlannedOrder[];
  counters: Array<{ period: string; last: number }>;
}

const PAYMENTS: ReadonlyArray<readonly [PaymentMethod, number]> = [
  ["transfer", 0.38],
  ["cod", 0.27],
  ["qris", 0.2],
  ["ewallet", 0.15],
];

function payment(rng: Rng): PaymentMethod {
  return weighted(rng, PAYMENTS);
}

/**
 * Where the shop's newest open orders stand, newest first: a couple not yet confirmed,
 * then confirmed or paid, packed, and a few on their way; every older one is completed
 * (unless it was cancelled or returned). By rank, not by age, so each stage has orders
 * whatever the time of day the demo starts.
 */
const NEWEST: readonly OrderStatus[] = [
  "new",
  "new",
  "confirmed",
  "paid",
  "packed",
  "packed",
  "shipped",
  "shipped",
  "shipped",
  "shipped",
];

/** The statuses an order walks through from `new` to `end` (`completed`, a stage of {@link NEWEST}, `cancelled` or `returned`). */
function walk(rng: Rng, method: PaymentMethod, end: OrderStatus): OrderStatus[] {
  const paid: OrderStatus[] = method === "cod" ? [] : ["paid"];
  const full: OrderStatus[] = ["new", "confirmed", ...paid, "packed", "shipped", "completed"];
  if (end === "returned") return ["new", "confirmed", ...paid, "packed", "shipped", "returned"];
  if (end === "cancelled") return rng.chance(0.5) ? ["new", "cancelled"] : ["new", "confirmed", "cancelled"];
  // A COD order is not paid before delivery: its "paid" stage is "confirmed".
  const stage = end === "paid" && method === "cod" ? "confirmed" : end;
  return full.slice(0, full.indexOf(stage) + 1);
}

/**
 * Moves `sale` along its flow to `end`: its history (each move a little after the one
 * before; an old order's whole walk takes 2-6 days, a recent one's fits before `now`),
 * courier and tracking number once shipped, reason once cancelled or returned.
 */
function progress(rng: Rng, sale: Sale, end: OrderStatus, now: number): Omit<PlannedOrder, "number"> {
  const { closed: _, ...order } = sale;
  const placedAt = sale.placedAt.getTime();
  const statuses = walk(rng, sale.paymentMethod, end);
  const final = statuses[statuses.length - 1]!;
  const span = Math.min(rng.float(2, 6) * DAY, ((now - placedAt) * 9) / 10);
  const shipped = statuses.includes("shipped");
  const courier = shipped ? rng.pick(COURIERS) : null;
  const trackingNumber = shipped
    ? `${courier!.slice(0, 2).toUpperCase()}${rng.int(10_000_000, 99_999_999)}ID`
    : null;
  const closeReason =
    final === "cancelled" ? rng.pick(CANCEL_REASONS) : final === "returned" ? rng.pick(RETURN_REASONS) : null;
  const events: PlannedEvent[] = statuses.map((to, j) => ({
    kind: j === 0 ? "created" : "status",
    fromStatus: j === 0 ? null : statuses[j - 1]!,
    toStatus: to,
    note:
      to === "shipped"
        ? `${courier} · ${trackingNumber}`
        : to === "cancelled" || to === "returned"
          ? closeReason
          : null,
    at: new Date(placedAt + (j === 0 ? 0 : (span * j) / (statuses.length - 1))),
  }));
  const lastAt = events[events.length - 1]!.at;
  return {
    ...order,
    status: final,
    courier,
    trackingNumber,
    closeReason,
    completedAt: final === "completed" ? lastAt : null,
    updatedAt: lastAt,
    events,
  };
}

/** Shops take orders from 07:00 to 21:59 of their zone: `at` moved into those hours of its day, never after `now`. */
function inShopHours(at: number, now: number, timeZone: string): number {
  const { hour } = zonedParts(at, timeZone);
  if (hour >= 22) return at - (hour - 21) * HOUR;
  if (hour >= 7) return at;
  const later = at + (7 - hour) * HOUR;
  return later <= now ? later : at - (hour + 3) * HOUR;
}

/** Days-ago of a customer's `n` orders between `first` and `last`, oldest first. */
function orderDays(rng: Rng, n: number, first: number, last: number): number[] {
  if (n === 1) return [last];
  const inner = Array.from({ length: n - 2 }, () => rng.float(last, first)).sort((a, b) => b - a);
  return [first, ...inner, last];
}

/**
 * Plans the demo history as of `now` for `customers` (in order: the first ones get the
 * profiles, see the file header). Order numbers run per month of `timeZone` in the order
 * the orders were placed, and `counters` is each month's last number.
 */
export function planDemoOrders(opts: {
  seed: string;
  now: Date;
  timeZone: string;
  customers: number;
}): DemoHistory {
  const rng = createRng(opts.seed, "demo-orders");
  const now = opts.now.getTime();
  const sales: Sale[] = [];
  const products = new Map(DEMO_PRODUCTS.map((p) => [p.sku, p]));
  let customer = 0;
  for (const profile of PROFILES) {
    for (let k = 0; k < profile.count && customer < opts.customers; k++, customer++) {
      const place = DEMO_PLACES[rng.int(0, DEMO_PLACES.length - 1)]!;
      const address = `${rng.pick(STREETS)} No. ${rng.int(1, 120)}, ${place.city}`;
      const last = rng.float(profile.last[0], profile.last[1]);
      const first = Math.max(last, rng.float(profile.first[0], profile.first[1]));
      const days = orderDays(rng, rng.int(profile.orders[0], profile.orders[1]), first, last);
      // A cancelled or returned order sometime in their span: not a sale, not in RFM.
      const closedDays = rng.chance(profile.closed) ? [rng.float(last + 1, first + 2)] : [];
      for (const [i, daysAgo] of [...days, ...closedDays].entries()) {
        const closed = i >= days.length;
        const placedAt = inShopHours(now - daysAgo * DAY, now, opts.timeZone);
        const method = profile.basket === "bulk" ? "transfer" : payment(rng);
        const lines = basket(rng, profile.basket).map((l, position) => {
          const p = products.get(l.sku)!;
          return {
            position,
            sku: p.sku,
            name: p.name,
            quantity: l.quantity,
            unitPrice: p.price,
            lineTotal: l.quantity * p.price,
          };
        });
        const subtotal = lines.reduce((n, l) => n + l.lineTotal, 0);
        const discount =
          profile.basket === "bulk"
            ? Math.floor((subtotal * 0.1) / 1000) * 1000
            : rng.chance(0.12)
              ? Math.floor((subtotal * rng.pick([0.05, 0.1])) / 1000) * 1000
              : 0;
        const shippingCost = profile.basket === "tiny" ? rng.int(9, 15) * 1000 : shippingTo(rng, place.zone);
        sales.push({
          customer,
          closed,
          paymentMethod: method,
          subtotal,
          discount,
          shippingCost,
          total: subtotal - discount + shippingCost,
          address,
          province: place.province,
          city: place.city,
          source: rng.chance(0.35) ? "inbox" : "manual",
          placedAt: new Date(placedAt),
          lines,
        });
      }
    }
  }
  sales.sort((a, b) => a.placedAt.getTime() - b.placedAt.getTime());
  const flow = createRng(opts.seed, "demo-orders", "flow");
  let open = 0;
  let closed = 0;
  // Newest first; one closed order in three was returned after delivery, the others cancelled.
  const end = (sale: Sale): OrderStatus =>
    sale.closed ? (closed++ % 3 === 1 ? "returned" : "cancelled") : (NEWEST[open++] ?? "completed");
  const byTime = sales
    .reverse()
    .map((sale) => progress(flow, sale, end(sale), now))
    .reverse();
  const counters = new Map<string, number>();
  const orders = byTime.map((o) => {
    const { year, month } = zonedParts(o.placedAt, opts.timeZone);
    const period = `${year}/${String(month).padStart(2, "0")}`;
    const n = (counters.get(period) ?? 0) + 1;
    counters.set(period, n);
    return { ...o, number: `INV/${period}/${String(n).padStart(4, "0")}` };
  });
  return { orders, counters: [...counters].map(([period, last]) => ({ period, last })) };
}
