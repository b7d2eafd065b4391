import { describe, expect, it } from "vitest";
import { mediaTypeOf } from "./limits.js";

describe("mediaTypeOf", () => {
  it("keeps the kinds WhatsApp accepts and sends the rest as documents", () => {
    expect(mediaTypeOf("image/jpeg")).toBe("image");
    expect(mediaTypeOf("IMAGE/PNG")).toBe("image");
    expect(mediaTypeOf("video/mp4")).toBe("video");
    expect(mediaTypeOf("audio/ogg")).toBe("audio");
    // WhatsApp shows neither GIF nor WebP as an image, nor QuickTime as a video.
    expect(mediaTypeOf("image/gif")).toBe("document");
    expect(mediaTypeOf("image/webp")).toBe("document");
    expect(mediaTypeOf("video/quicktime")).toBe("document");
    expect(mediaTypeOf("application/pdf")).toBe("document");
    expect(mediaTypeOf("")).toBe("document");
  });
});
