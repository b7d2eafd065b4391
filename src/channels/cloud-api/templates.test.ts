import { describe, expect, it } from "vitest";
import { TransportError } from "../transport.js";
import { e164, mediaPayload, mediaSource, templatePayload, textPayload, waNumber } from "./messages.js";
import { buildTemplateComponents, parameterNames, templateText } from "./templates.js";

describe("template parameters", () => {
  it("builds header, body and button components in Meta's shape", () => {
    const components = buildTemplateComponents({
      name: "promo_lebaran",
      language: "id",
      header: ["Lebaran"],
      body: ["Ibu Sari", "DISKON20"],
      buttons: [
        { index: 1, subType: "url", parameter: "promo/123" },
        { index: 0, subType: "quick_reply", parameter: "STOP_PROMO" },
      ],
    });
    expect(components).toEqual([
      { type: "header", parameters: [{ type: "text", text: "Lebaran" }] },
      {
        type: "body",
        parameters: [
          { type: "text", text: "Ibu Sari" },
          { type: "text", text: "DISKON20" },
        ],
      },
      {
        type: "button",
        sub_type: "quick_reply",
        index: "0",
        parameters: [{ type: "payload", payload: "STOP_PROMO" }],
      },
      { type: "button", sub_type: "url", index: "1", parameters: [{ type: "text", text: "promo/123" }] },
    ]);
  });

  it("sends named values with their parameter_name (Meta's format for NAMED templates)", () => {
    expect(
      buildTemplateComponents({
        name: "pesanan_siap",
        language: "id",
        header: { toko: "Sinar Jaya" },
        body: { customer_name: "Ibu Sari", order_id: "A-17" },
      }),
    ).toEqual([
      { type: "header", parameters: [{ type: "text", parameter_name: "toko", text: "Sinar Jaya" }] },
      {
        type: "body",
        parameters: [
          { type: "text", parameter_name: "customer_name", text: "Ibu Sari" },
          { type: "text", parameter_name: "order_id", text: "A-17" },
        ],
      },
    ]);
  });

  it("lists a text's parameters: 1…n for POSITIONAL, names in order for NAMED", () => {
    expect(parameterNames("Diskon {{2}} untuk {{ 1 }}", "POSITIONAL")).toEqual(["1", "2"]);
    expect(parameterNames("Halo {{customer_name}}, {{order_id}} {{customer_name}}", "NAMED")).toEqual([
      "customer_name",
      "order_id",
    ]);
    expect(parameterNames(null, "NAMED")).toEqual([]);
  });

  it("builds a media header from the resolved media, with a document's filename", () => {
    const doc = buildTemplateComponents(
      {
        name: "katalog",
        language: "id",
        headerMedia: { type: "document", url: "katalog.pdf", filename: "Katalog Juni.pdf" },
      },
      { id: "4242" },
    );
    expect(doc).toEqual([
      {
        type: "header",
        parameters: [{ type: "document", document: { id: "4242", filename: "Katalog Juni.pdf" } }],
      },
    ]);
    const img = buildTemplateComponents(
      { name: "promo", language: "id", headerMedia: { type: "image", url: "https://x.test/a.jpg" } },
      { link: "https://x.test/a.jpg" },
    );
    expect(img[0]).toEqual({
      type: "header",
      parameters: [{ type: "image", image: { link: "https://x.test/a.jpg" } }],
    });
  });

  it("leaves out components without parameters", () => {
    expect(buildTemplateComponents({ name: "hello_world", language: "en_US" })).toEqual([]);
    expect(templatePayload("+628123", { name: "hello_world", language: "en_US" })).toEqual({
      to: "628123",
      type: "template",
      template: { name: "hello_world", language: { code: "en_US" } },
    });
  });

  it("cleans text parameters the way WhatsApp requires (no new lines, tabs, or > 4 spaces)", () => {
    expect(templateText("Jl. Malioboro\nNo. 12\tYogyakarta")).toBe("Jl. Malioboro No. 12 Yogyakarta");
    expect(templateText("a        b")).toBe("a    b");
    expect(templateText("Halo Kak 😊")).toBe("Halo Kak 😊");
  });

  it("refuses what Meta would refuse", () => {
    const bad = (f: () => unknown) => expect(f).toThrow(TransportError);
    bad(() => buildTemplateComponents({ name: "Promo Lebaran", language: "id" }));
    bad(() =>
      buildTemplateComponents(
        { name: "p", language: "id", header: ["x"], headerMedia: { type: "image", url: "a.jpg" } },
        { id: "1" },
      ),
    );
    bad(() =>
      buildTemplateComponents(
        { name: "p", language: "id", headerMedia: { type: "audio", url: "a.ogg" } },
        { id: "1" },
      ),
    );
    bad(() =>
      buildTemplateComponents({ name: "p", language: "id", headerMedia: { type: "image", url: "a.jpg" } }),
    );
    bad(() =>
      buildTemplateComponents({
        name: "p",
        language: "id",
        buttons: [
          { index: 0, subType: "url", parameter: "a" },
          { index: 0, subType: "url", parameter: "b" },
        ],
      }),
    );
    bad(() =>
      buildTemplateComponents({
        name: "p",
        language: "id",
        buttons: [{ index: 10, subType: "url", parameter: "a" }],
      }),
    );
  });
});

describe("message payloads", () => {
  it('sends numbers without "+" and reads them back in E.164', () => {
    expect(waNumber("+6281234567890")).toBe("6281234567890");
    expect(e164("6281234567890")).toBe("+6281234567890");
  });

  it("builds text with a link preview only when there is a link", () => {
    expect(textPayload("+628123", "Halo")).toEqual({
      to: "628123",
      type: "text",
      text: { body: "Halo", preview_url: false },
    });
    expect(textPayload("+628123", "Lihat https://toko.test").text).toEqual({
      body: "Lihat https://toko.test",
      preview_url: true,
    });
  });

  it("builds media by link or id, with caption and document filename; audio takes no caption", () => {
    expect(
      mediaPayload(
        "+628123",
        { type: "image", url: "https://x.test/a.jpg" },
        { link: "https://x.test/a.jpg" },
        "Promo",
      ),
    ).toEqual({
      to: "628123",
      type: "image",
      image: { link: "https://x.test/a.jpg", caption: "Promo" },
    });
    expect(
      mediaPayload("+628123", { type: "document", url: "x.pdf", filename: "Nota.pdf" }, { id: "77" }),
    ).toEqual({
      to: "628123",
      type: "document",
      document: { id: "77", filename: "Nota.pdf" },
    });
    expect(() => mediaPayload("+628123", { type: "audio", url: "a.ogg" }, { id: "1" }, "teks")).toThrow(
      /audio/,
    );
  });

  it("tells links, uploaded ids and local files apart", () => {
    expect(mediaSource("https://x.test/a.jpg")).toEqual({ kind: "link", link: "https://x.test/a.jpg" });
    expect(mediaSource("wa-media:123")).toEqual({ kind: "id", id: "123" });
    expect(mediaSource("uploads/a.jpg")).toEqual({ kind: "file", path: "uploads/a.jpg" });
  });
});
