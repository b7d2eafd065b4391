import { describe, expect, it } from "vitest";
import { planDemoOrders } from "./plan.js";

const DAY = 86_400_000;
const hourWib = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Asia/Jakarta",
  hour: "2-digit",
  hourCycle: "h23",
});
const monthWib = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Jakarta",
  year: "numeric",
  month: "2-digit",
});

/** Starts of the demo at awkward times of day and of the month (WIB = UTC+7). */
const STARTS = [
  "2026-12-07T00:30:00+07:00",
  "2026-12-07T06:59:00+07:00",
  "2026-12-07T12:00:00+07:00",
  "2026-12-07T23:30:00+07:00",
  "2027-01-01T00:05:00+07:00",
  "2027-03-01T08:00:00+07:00",
];

describe("the demo shop's order history", () => {
  it("is the same for the same seed and time, and another for another seed", () => {
    const now = new Date(STARTS[2]!);
    const a = planDemoOrders({ seed: "kabar", now, timeZone: "Asia/Jakarta", customers: 50 });
    const b = planDemoOrders({ seed: "kabar", now, timeZone: "Asia/Jakarta", customers: 50 });
    const c = planDemoOrders({ seed: "lain", now, timeZone: "Asia/Jakarta", customers: 50 });
    expect(b).toEqual(a);
    expect(c.orders.map((o) => o.total)).not.toEqual(a.orders.map((o) => o.total));
  });

  it.each(STARTS)(
    "started at %s: every stage of the flow, in shop hours, nothing after now, numbers per month",
    (start) => {
      const now = new Date(start);
      const { orders, counters } = planDemoOrders({
        seed: "kabar",
        now,
        timeZone: "Asia/Jakarta",
        customers: 50,
      });
      const statuses = new Set(orders.map((o) => o.status));
      for (const s of ["new", "confirmed", "paid", "packed", "shipped", "completed", "cancelled", "returned"])
        expect(statuses.has(s as never), s).toBe(true);
      const perMonth = new Map<string, number>();
      for (const o of orders) {
        const h = Number(hourWib.format(o.placedAt));
        expect(h >= 7 && h <= 21, `${o.number} at ${h}h`).toBe(true);
        expect(o.placedAt.getTime()).toBeLessThanOrEqual(now.getTime());
        expect((now.getTime() - o.placedAt.getTime()) / DAY).toBeLessThan(210);
        for (const e of o.events) {
          expect(e.at.getTime(), o.number).toBeGreaterThanOrEqual(o.placedAt.getTime());
          expect(e.at.getTime(), o.number).toBeLessThanOrEqual(now.getTime());
        }
        expect(o.events.map((e) => e.toStatus).at(-1)).toBe(o.status);
        if (!["completed", "cancelled", "returned"].includes(o.status))
          expect((now.getTime() - o.placedAt.getTime()) / DAY, o.number).toBeLessThan(7);
        expect(o.total).toBe(
          o.lines.reduce((n, l) => n + l.quantity * l.unitPrice, 0) - o.discount + o.shippingCost,
        );
        const period = monthWib.format(o.placedAt).replace("-", "/");
        const n = (perMonth.get(period) ?? 0) + 1;
        perMonth.set(period, n);
        expect(o.number).toBe(`INV/${period}/${String(n).padStart(4, "0")}`);
      }
      expect(Object.fromEntries(counters.map((c) => [c.period, c.last]))).toEqual(
        Object.fromEntries(perMonth),
      );
    },
  );
});
