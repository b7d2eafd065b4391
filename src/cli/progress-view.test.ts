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
