import { describe, expect, it } from "vitest";
import { parseControl } from "./control.js";

describe("forwarded channel actions", () => {
  it("reads the channel, the operation and the action", () => {
    expect(
      parseControl(JSON.stringify({ channelId: "c1", op: "transport", action: { type: "scan" } })),
    ).toEqual({ channelId: "c1", op: "transport", action: { type: "scan" } });
    expect(parseControl(JSON.stringify({ channelId: "c1", op: "logout" }))).toEqual({
      channelId: "c1",
      op: "logout",
      action: undefined,
    });
  });

  it("ignores what is not a forwarded action", () => {
    for (const payload of [
      "",
      "not json",
      "{}",
      JSON.stringify({ channelId: "c1", op: "drop table" }),
      JSON.stringify({ channelId: 7, op: "connect" }),
    ]) {
      expect(parseControl(payload)).toBeNull();
    }
  });
});
