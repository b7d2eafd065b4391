import { describe, expect, it } from "vitest";
import type { CampaignCounts } from "../modules/campaigns/index.js";
import {
  commandPrefix,
  countsBlock,
  countsLine,
  describeAudience,
  doneCount,
  formatNumber,
  percent,
  progressText,
  renderPairs,
  renderTable,
  splitList,
  statusText,
  truncate,
} from "./format.js";

const counts = (over: Partial<CampaignCounts> = {}): CampaignCounts => {
  const c = {
    pending: 0,
    sending: 0,
    sent: 0,
    delivered: 0,
    read: 0,
    failed: 0,
    skipped: 0,
    unknown: 0,
    suspected_drop: 0,
    replied: 0,
    held: { cap_warning: 0, capped: 0, timelock: 0, reachout_refused: 0 },
    warm: 0,
    ...over,
  };
  return {
    ...c,
    total:
      c.pending +
      c.sending +
      c.sent +
      c.delivered +
      c.read +
      c.failed +
      c.skipped +
      c.unknown +
      c.suspected_drop,
  };
};

describe("numbers and progress", () => {
  it("formats numbers with thousands separators", () => {
    expect(formatNumber(0)).toBe("0");
    expect(formatNumber(1234567)).toBe("1,234,567");
  });

  it("counts as done everything not pending or sending", () => {
    expect(
      doneCount(
        counts({
          pending: 10,
          sending: 2,
          sent: 5,
          delivered: 3,
          failed: 1,
          skipped: 4,
          unknown: 1,
          replied: 2,
        }),
      ),
    ).toBe(14);
  });

  it("rounds percentages down so 100% means all done, and shows – for nothing", () => {
    expect(percent(999, 1000)).toBe("99%");
    expect(percent(1000, 1000)).toBe("100%");
    expect(percent(0, 0)).toBe("–");
  });

  it("describes progress in words", () => {
    expect(progressText(counts({ pending: 550, delivered: 1450 }))).toBe("72% (1,450 of 2,000 done)");
  });

  it("lists every state in order, zeros included, aligned on the right", () => {
    const lines = countsBlock(counts({ pending: 1200, read: 3 }));
    expect(lines[0]).toBe("  pending         1,200");
    expect(lines[4]).toBe("  read                3");
    expect(lines[8]).toBe("  suspected_drop      0");
    expect(lines).toHaveLength(10);
  });

  it("puts the counts on one live line: the README's five states always, others once they occur", () => {
    expect(countsLine(counts({ pending: 17, sent: 3 }))).toBe(
      "pending 17 · sent 3 · delivered 0 · read 0 · failed 0 · replied 0",
    );
    expect(countsLine(counts({ delivered: 1200, read: 40, replied: 2, skipped: 1 }))).toBe(
      "sent 0 · delivered 1,200 · read 40 · failed 0 · skipped 1 · replied 2",
    );
  });
});

describe("tables and pairs", () => {
  it("pads columns and right-aligns numeric ones", () => {
    const lines = renderTable(
      [{ header: "NAME" }, { header: "SENT", right: true }],
      [
        ["Promo Lebaran", "1,200"],
        ["Diskon", "7"],
      ],
    );
    expect(lines).toEqual(["NAME            SENT", "Promo Lebaran  1,200", "Diskon             7"]);
  });

  it("formats numbers in pairs and aligns them", () => {
    expect(
      renderPairs([
        ["rows", 12000],
        ["rejected", 7],
        ["file", "kontak.csv"],
      ]),
    ).toEqual(["  rows      12,000", "  rejected       7", "  file      kontak.csv"]);
  });
});

describe("small text helpers", () => {
  it("splits comma lists, trimming and de-duplicating", () => {
    expect(splitList(" vip, pelanggan-demo,,vip ")).toEqual(["vip", "pelanggan-demo"]);
    expect(splitList(undefined)).toEqual([]);
  });

  it("describes audiences", () => {
    expect(describeAudience({ type: "all" })).toBe("all contacts");
    expect(describeAudience({ type: "labels", labels: ["a", "b"], match: "all" })).toBe(
      "labels a, b (match all)",
    );
    expect(describeAudience({ type: "labels", labels: ["a"] })).toBe("labels a (match any)");
    const fromImport = { type: "import", importId: "3ab14fb6-0000-4000-8000-000000000001" } as const;
    expect(describeAudience(fromImport, "pelanggan.csv")).toBe("contacts of import pelanggan.csv");
    expect(describeAudience(fromImport)).toBe("contacts of import 3ab14fb6-0000-4000-8000-000000000001");
  });

  it("shows a status with its reason", () => {
    expect(statusText("paused", "channel_blocked")).toBe("paused (channel_blocked)");
    expect(statusText("running", null)).toBe("running");
  });

  it("truncates long names with an ellipsis", () => {
    expect(truncate("Promo Lebaran 2026", 10)).toBe("Promo Leb…");
    expect(truncate("Promo", 10)).toBe("Promo");
  });

  it("hints commands the way the operator invoked the CLI", () => {
    expect(commandPrefix({ npm_lifecycle_event: "kabar" })).toBe("npm run kabar --");
    expect(commandPrefix({})).toBe("npx kabar");
  });
});
