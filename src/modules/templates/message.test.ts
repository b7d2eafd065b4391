import { describe, expect, it } from "vitest";
import { MAX_CAPTION_CHARS, MAX_TEXT_CHARS, validateMessage } from "./message.js";

describe("validateMessage", () => {
  it("accepts text, and media with a caption", () => {
    expect(validateMessage({ body: "Halo {{name|kak}}" })).toEqual([]);
    expect(
      validateMessage({ media: { type: "image", url: "https://x.id/a.png", mimeType: "image/png" } }),
    ).toEqual([]);
  });

  it("requires text or media", () => {
    expect(validateMessage({ body: "  " })).toEqual([
      {
        field: "body",
        message: { id: "Pesan perlu teks atau lampiran", en: "A message needs text or media" },
      },
    ]);
  });

  it("reports template errors with their position", () => {
    expect(validateMessage({ body: "Halo {{name" })).toEqual([
      {
        field: "body",
        message: {
          id: '"{{" tidak ditutup dengan "}}" (di karakter ke-6)',
          en: '"{{" is not closed with "}}" (at character 6)',
        },
      },
    ]);
  });

  it("limits text to 4096 and captions to 1024 characters, counting emoji as one", () => {
    expect(validateMessage({ body: "🙏".repeat(MAX_TEXT_CHARS) })).toEqual([]);
    expect(validateMessage({ body: "a".repeat(MAX_TEXT_CHARS + 1) })[0]?.field).toBe("body");
    const media = { type: "video", url: "https://x.id/a.mp4" };
    expect(validateMessage({ body: "a".repeat(MAX_CAPTION_CHARS), media })).toEqual([]);
    expect(validateMessage({ body: "a".repeat(MAX_CAPTION_CHARS + 1), media })).toEqual([
      {
        field: "body",
        message: {
          id: "Keterangan 1025 karakter; WhatsApp mengizinkan 1024",
          en: "Caption is 1025 characters; WhatsApp allows 1024",
        },
      },
    ]);
  });

  it("reports media problems by field", () => {
    const errors = validateMessage({
      body: "Lihat",
      media: {
        type: "audio",
        url: "media/a.wav",
        mimeType: "audio/wav",
        id: "0b7f9a6e-5a43-4c0f-9a59-3c1f0d2b8e11",
      },
    });
    expect(errors.map((e) => e.field).sort()).toEqual(["media.id", "media.mimeType", "media.url"]);
  });
});
