import { describe, expect, it } from "vitest";
import { ParseSlots } from "./parse-slots.js";

describe("ParseSlots", () => {
  it("lets `limit` parses run, queues up to `maxWaiting`, refuses one more with 503 import_busy", async () => {
    const slots = new ParseSlots(2, 1);
    const first = await slots.acquire();
    const second = await slots.acquire();
    let thirdRunning = false;
    const third = slots.acquire().then((release) => {
      thirdRunning = true;
      return release;
    });
    await expect(slots.acquire()).rejects.toMatchObject({ code: "import_busy", status: 503 });
    expect(thirdRunning).toBe(false);
    first();
    first(); // releasing twice frees one slot only
    const release3 = await third;
    expect(thirdRunning).toBe(true);
    const fourth = slots.acquire(); // both slots busy again: this one waits
    second();
    release3();
    (await fourth)();
  });
});
