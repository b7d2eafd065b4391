import { describe, expect, it } from "vitest";
import { placeholderCount, renderWaTemplate, templateTexts } from "./wa-template.js";

describe("WhatsApp template parameters", () => {
  it("counts positional parameters by the highest {{n}}, spaces allowed", () => {
    expect(placeholderCount("Halo {{1}}, diskon {{ 2 }} untuk {{1}}")).toBe(2);
    expect(placeholderCount("Tanpa isian")).toBe(0);
    expect(placeholderCount(null)).toBe(0);
  });

  it("reads the text header, the body and a media header from Meta components", () => {
    expect(
      templateTexts([
        { type: "HEADER", format: "TEXT", text: "Hai {{1}}" },
        { type: "BODY", text: "Isi" },
      ]),
    ).toEqual({ header: "Hai {{1}}", body: "Isi", headerMedia: null });
    expect(
      templateTexts([
        { type: "HEADER", format: "DOCUMENT" },
        { type: "BODY", text: "Isi" },
      ]),
    ).toEqual({ header: null, body: "Isi", headerMedia: "document" });
    expect(templateTexts("not a list")).toEqual({ header: null, body: "", headerMedia: null });
  });

  it("renders each value for the recipient and shows the message as the customer reads it", () => {
    const texts = { header: "Halo {{1}}!", body: "Diskon {{1}} untuk kota {{2}}.", headerMedia: null };
    const ref = {
      name: "promo",
      language: "id",
      header: ["{{name|Kak}}"],
      body: ["{10%|15%}", "{{kota|kamu}}"],
    };
    const a = renderWaTemplate(
      ref,
      texts,
      { name: "Sari", phone: "+628123", attributes: { kota: "Bandung" } },
      "seed-1",
    );
    expect(a.params.header).toEqual(["Sari"]);
    expect(a.params.body![1]).toBe("Bandung");
    expect(["10%", "15%"]).toContain(a.params.body![0]);
    expect(a.text).toBe(`Halo Sari!\nDiskon ${a.params.body![0]} untuk kota Bandung.`);
    const b = renderWaTemplate(ref, texts, { phone: "+628124", attributes: {} }, "seed-1");
    expect(b.text).toBe(`Halo Kak!\nDiskon ${a.params.body![0]} untuk kota kamu.`);
  });
});
