import { describe, expect, it } from "vitest";
import { progressView } from "./progress-view.js";

/** A non-terminal stream that records what is written. */
function fakeStream() {
  const lines: string[] = [];
  const stream = { isTTY: false, write: (s: string) => lines.push(s) > 0 } as unknown as NodeJS.WriteStream;
  return { stream, lines };
}

describe("progressView without a terminal", () => {
  it("prints a line when progress changes, at most every 5 s, and always on a status change", () => {
    const { stream, lines } = fakeStream();
    let now = 0;
    const view = progressView(stream, () => now);
    view.update(0, 1000, "running");
    now = 1000;
    view.update(10, 1000, "running"); // too soon
    now = 6000;
    view.update(10, 1000, "running");
    view.update(10, 1000, "running"); // unchanged
    now = 6500;
    view.update(10, 1000, "paused"); // status change: at once
    view.log("Campaign paused.");
    expect(lines).toEqual([
      "  0% | 0/1,000 | running\n",
      "  1% | 10/1,000 | running\n",
      "  1% | 10/1,000 | paused\n",
      "Campaign paused.\n",
    ]);
  });
});

describe("progressView on a terminal", () => {
  it("shows the counts per state live under the bar, and they change as the campaign moves", () => {
    let out = "";
    const stream = {
      isTTY: true,
      columns: 120,
      rows: 40,
      write: (s: string) => {
        out += s;
        return true;
      },
      on: () => stream,
      removeListener: () => stream,
    } as unknown as NodeJS.WriteStream;
    const view = progressView(stream);
    view.update(3, 20, "running", "sent 3 · delivered 0 · read 0 · failed 0 · replied 0");
    expect(out).toContain("15% | 3/20 | running");
    expect(out).toContain("sent 3 · delivered 0 · read 0 · failed 0 · replied 0");
    view.update(5, 20, "running", "sent 2 · delivered 3 · read 1 · failed 0 · replied 1");
    view.stop();
    expect(out).toContain("sent 2 · delivered 3 · read 1 · failed 0 · replied 1");
  });
});

describe("progressView without a terminal, with counts", () => {
  it("appends the counts per state to the line", () => {
    const { stream, lines } = fakeStream();
    progressView(stream, () => 0).update(3, 20, "running", "sent 3 · replied 0");
    expect(lines).toEqual([" 15% | 3/20 | running | sent 3 · replied 0\n"]);
  });
});
