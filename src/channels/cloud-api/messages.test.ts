import { describe, expect, it } from "vitest";
import { TransportError } from "../transport.js";
import { replyButtonsPayload } from "./messages.js";

const yesNo = [
  { id: "cod:yes:1", title: "YA" },
  { id: "cod:cancel:1", title: "BATAL" },
];

describe("reply-buttons payload", () => {
  it("builds Meta's interactive button message with the body and each button as a reply", () => {
    expect(replyButtonsPayload("+6281234567890", "Konfirmasi pesanan?", yesNo)).toEqual({
      to: "6281234567890",
      type: "interactive",
      interactive: {
        type: "button",
        body: { text: "Konfirmasi pesanan?" },
        action: {
          buttons: [
            { type: "reply", reply: { id: "cod:yes:1", title: "YA" } },
            { type: "reply", reply: { id: "cod:cancel:1", title: "BATAL" } },
          ],
        },
      },
    });
  });

  it("takes 3 buttons and a 20-character title, and refuses a 4th button or a 21st character", () => {
    const three = [...yesNo, { id: "x", title: "12345678901234567890" }];
    expect(() => replyButtonsPayload("+6281234567890", "Halo", three)).not.toThrow();
    const refused = (buttons: Array<{ id: string; title: string }>) => {
      try {
        replyButtonsPayload("+6281234567890", "Halo", buttons);
      } catch (e) {
        return e;
      }
      return undefined;
    };
    expect(refused([...three, { id: "y", title: "LAIN" }])).toMatchObject({
      code: "invalid_message",
      retryable: false,
      message: expect.stringContaining("1-3 buttons"),
    });
    const long = refused([{ id: "x", title: "123456789012345678901" }]);
    expect(long).toBeInstanceOf(TransportError);
    expect((long as Error).message).toContain("buttons[0].title must be 1-20 characters");
  });

  it("counts an emoji as one character and refuses empty titles, long or padded ids, and repeats", () => {
    expect(() =>
      replyButtonsPayload("+6281234567890", "Halo", [{ id: "x", title: "👍".repeat(20) }]),
    ).not.toThrow();
    expect(() => replyButtonsPayload("+6281234567890", "Halo", [{ id: "x", title: " " }])).toThrow(/title/);
    expect(() =>
      replyButtonsPayload("+6281234567890", "Halo", [{ id: "x".repeat(257), title: "YA" }]),
    ).toThrow(/buttons\[0\]\.id/);
    expect(() => replyButtonsPayload("+6281234567890", "Halo", [{ id: " x", title: "YA" }])).toThrow(/id/);
    expect(() =>
      replyButtonsPayload("+6281234567890", "Halo", [
        { id: "a", title: "YA" },
        { id: "b", title: "YA" },
      ]),
    ).toThrow(/unique/);
    expect(() => replyButtonsPayload("+6281234567890", "", yesNo)).toThrow(/body text/);
  });
});
