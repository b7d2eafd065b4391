import { describe, expect, it } from "vitest";
import {
  CHANNEL_CONTROL_TOPIC,
  DISPATCH_WAKE_TOPIC,
  INBOX_SEND_TOPIC,
  MESSAGE_STATUS_TOPIC,
} from "./topics.js";

describe("NOTIFY topics", () => {
  it("keep the names other processes listen to", () => {
    expect(
      [DISPATCH_WAKE_TOPIC, CHANNEL_CONTROL_TOPIC, INBOX_SEND_TOPIC, MESSAGE_STATUS_TOPIC].map((t) => t.name),
    ).toEqual(["kabar_dispatch", "kabar_channel_control", "kabar_inbox_send", "kabar_message_status"]);
  });

  it("wake a dispatcher with the plain channel id", () => {
    expect(DISPATCH_WAKE_TOPIC.encode("c1")).toBe("c1");
    expect(DISPATCH_WAKE_TOPIC.decode("c1")).toBe("c1");
    expect(DISPATCH_WAKE_TOPIC.decode("")).toBeNull();
  });

  it("read a forwarded action's channel, operation and action", () => {
    const decode = (p: string) => CHANNEL_CONTROL_TOPIC.decode(p);
    expect(decode(JSON.stringify({ channelId: "c1", op: "transport", action: { type: "scan" } }))).toEqual({
      channelId: "c1",
      op: "transport",
      action: { type: "scan" },
    });
    expect(decode(CHANNEL_CONTROL_TOPIC.encode({ channelId: "c1", op: "logout" }))).toEqual({
      channelId: "c1",
      op: "logout",
    });
  });

  it("ignore what is not a forwarded action", () => {
    for (const payload of [
      "",
      "not json",
      "{}",
      JSON.stringify({ channelId: "c1", op: "drop table" }),
      JSON.stringify({ channelId: 7, op: "connect" }),
    ]) {
      expect(CHANNEL_CONTROL_TOPIC.decode(payload)).toBeNull();
    }
  });

  it("read the status trigger's payload as the database builds it", () => {
    const row = { id: "m1", tenantId: "t1", channelId: "c1", contactId: "k1", status: "read", error: null };
    expect(MESSAGE_STATUS_TOPIC.decode(JSON.stringify(row))).toEqual(row);
    expect(MESSAGE_STATUS_TOPIC.decode(JSON.stringify({ ...row, status: undefined }))).toBeNull();
  });

  it("carry an agent's message to the holder of its channel", () => {
    const p = { messageId: "m1", channelId: "c1" };
    expect(INBOX_SEND_TOPIC.decode(INBOX_SEND_TOPIC.encode(p))).toEqual(p);
    expect(INBOX_SEND_TOPIC.decode(JSON.stringify({ channelId: "c1" }))).toBeNull();
  });
});
