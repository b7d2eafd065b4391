import { describe, expect, it } from "vitest";
import { dryRunLines, runLines } from "./reminders.js";

describe("kabar reminders run --dry-run", () => {
  it("prints each message with its products, suggestions and text, then the skipped ones with why", () => {
    const lines = dryRunLines({
      date: "2026-12-07",
      timeZone: "Asia/Makassar",
      enabled: true,
      messages: [
        {
          contactId: "c1",
          name: "Bu Rina",
          phone: "+6281200000001",
          items: [{ reminderId: "r1", productId: "p1", name: "Kopi Gayo", dueOn: "2026-12-07" }],
          suggestions: [{ productId: "p2", name: "Gula Aren", price: 30_000 }],
          text: "Halo Bu Rina\nMau pesan lagi?",
        },
      ],
      skipped: [
        {
          reminderId: "r2",
          contactId: "c2",
          name: null,
          phone: "+6281200000002",
          productName: "Teh",
          reason: "reminders_stopped",
        },
      ],
      counts: { customers: 1, reminders: 1, skipped: 1 },
    });
    expect(lines).toEqual([
      "Reminders due on 2026-12-07 (Asia/Makassar), dry run: nothing is sent",
      "  1 messages, 1 reminders, 1 skipped",
      "",
      "To Bu Rina (+6281200000001): Kopi Gayo",
      "  suggested: Gula Aren",
      "  | Halo Bu Rina",
      "  | Mau pesan lagi?",
      "",
      "Skipped",
      "  +6281200000002: Teh (reminders stopped)",
    ]);
  });

  it("says when nobody is due and when the daily run is off", () => {
    const lines = dryRunLines({
      date: "2026-12-07",
      timeZone: "Asia/Jakarta",
      enabled: false,
      messages: [],
      skipped: [],
      counts: { customers: 0, reminders: 0, skipped: 0 },
    });
    expect(lines).toContain("Nobody is due a reminder today.");
    expect(lines.join("\n")).toContain("The daily run is off");
  });
});

describe("kabar reminders run", () => {
  it("says what it sends, that nobody is due, or that today's run already happened", () => {
    const base = { date: "2026-12-07", customers: 2, reminders: 3, skipped: 1 };
    expect(runLines({ ...base, ran: true, campaignId: "k1" })).toEqual([
      "Reminders for 2026-12-07: 2 messages, 3 reminders, 1 skipped; sending as campaign k1.",
    ]);
    expect(runLines({ ...base, ran: true, campaignId: null, customers: 0, reminders: 0 })[0]).toContain(
      "nobody to send to",
    );
    expect(runLines({ ...base, ran: false, campaignId: null })[0]).toContain("already ran today");
  });
});
