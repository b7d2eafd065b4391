import { describe, expect, it } from "vitest";
import { mediaAttachmentSchema } from "./schemas.js";

const ok = (v: unknown) => mediaAttachmentSchema.safeParse(v).success;

describe("mediaAttachmentSchema", () => {
  it("accepts an uploaded file id, an https link or a Meta media id", () => {
    expect(ok({ type: "image", id: "0b7f9a6e-5a43-4c0f-9a59-3c1f0d2b8e11" })).toBe(true);
    expect(ok({ type: "image", url: "https://cdn.toko.id/a.jpg", mimeType: "image/jpeg" })).toBe(true);
    expect(ok({ type: "document", waMediaId: "1234567890", filename: "Katalog.pdf" })).toBe(true);
  });

  it("never accepts a filesystem path, in any form", () => {
    for (const url of [
      "media/templates/t1/a.png",
      "secret.key",
      "pg/base/16384/2619",
      "../secret.key",
      "/etc/passwd",
      "file:///etc/passwd",
      "C:\\x.png",
    ]) {
      expect(ok({ type: "document", url }), url).toBe(false);
    }
  });

  it("refuses plain http, credentials in the link, and other schemes", () => {
    expect(ok({ type: "image", url: "http://cdn.toko.id/a.jpg" })).toBe(false);
    expect(ok({ type: "image", url: "https://user:pw@cdn.toko.id/a.jpg" })).toBe(false);
    expect(ok({ type: "image", url: "ftp://cdn.toko.id/a.jpg" })).toBe(false);
    expect(ok({ type: "image", url: "data:image/png;base64,AAAA" })).toBe(false);
  });

  it("wants exactly one source", () => {
    expect(ok({ type: "image" })).toBe(false);
    expect(
      ok({ type: "image", id: "0b7f9a6e-5a43-4c0f-9a59-3c1f0d2b8e11", url: "https://cdn.toko.id/a.jpg" }),
    ).toBe(false);
    expect(ok({ type: "image", id: "not-a-uuid" })).toBe(false);
    expect(ok({ type: "image", waMediaId: "../../x" })).toBe(false);
  });

  it("refuses MIME types WhatsApp does not accept for the type", () => {
    expect(ok({ type: "image", url: "https://x.id/a.gif", mimeType: "image/gif" })).toBe(false);
    expect(ok({ type: "video", url: "https://x.id/a.mov", mimeType: "video/quicktime" })).toBe(false);
    expect(ok({ type: "sticker", url: "https://x.id/a.webp" })).toBe(false);
  });
});
