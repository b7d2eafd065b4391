import { describe, expect, it } from "vitest";
import { placeholderCount, renderWaTemplate, templateTexts, unfilledParams } from "./wa-template.js";

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
    ).toEqual({ header: "Hai {{1}}", body: "Isi", headerMedia: null, format: "POSITIONAL" });
    expect(
      templateTexts([
        { type: "HEADER", format: "DOCUMENT" },
        { type: "BODY", text: "Isi" },
      ]),
    ).toEqual({ header: null, body: "Isi", headerMedia: "document", format: "POSITIONAL" });
    expect(templateTexts("not a list")).toEqual({
      header: null,
      body: "",
      headerMedia: null,
      format: "POSITIONAL",
    });
    // A row synced before the format was kept: a {{name}} in a text means NAMED.
    expect(templateTexts([{ type: "BODY", text: "Halo {{customer_name}}" }]).format).toBe("NAMED");
    expect(templateTexts([{ type: "BODY", text: "Halo" }], "NAMED").format).toBe("NAMED");
  });

  it("renders each value for the recipient and shows the message as the customer reads it", () => {
    const texts = {
      header: "Halo {{1}}!",
      body: "Diskon {{1}} untuk kota {{2}}.",
      headerMedia: null,
      format: "POSITIONAL" as const,
    };
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
    const body = a.params.body as string[];
    expect(a.params.header).toEqual(["Sari"]);
    expect(body[1]).toBe("Bandung");
    expect(["10%", "15%"]).toContain(body[0]);
    expect(a.text).toBe(`Halo Sari!\nDiskon ${body[0]} untuk kota Bandung.`);
    const b = renderWaTemplate(ref, texts, { phone: "+628124", attributes: {} }, "seed-1");
    expect(b.text).toBe(`Halo Kak!\nDiskon ${body[0]} untuk kota kamu.`);
  });

  it("renders named values by name and shows them in the approved text", () => {
    const texts = {
      header: null,
      body: "Halo {{customer_name}}, pesanan {{order_id}} siap. Terima kasih {{customer_name}}!",
      headerMedia: null,
      format: "NAMED" as const,
    };
    const ref = {
      name: "pesanan",
      language: "id",
      body: { order_id: "{{pesanan}}", customer_name: "{{name|Kak}}" },
    };
    const r = renderWaTemplate(
      ref,
      texts,
      { name: "Sari", phone: "+628123", attributes: { pesanan: "A-17" } },
      "s",
    );
    expect(r.params.body).toEqual({ order_id: "A-17", customer_name: "Sari" });
    expect(r.text).toBe("Halo Sari, pesanan A-17 siap. Terima kasih Sari!");
  });

  it("names the parameters left without a value and the ones the template lacks", () => {
    const named = {
      header: null,
      body: "Halo {{customer_name}}, kode {{kode}}",
      headerMedia: null,
      format: "NAMED" as const,
    };
    expect(unfilledParams(named, "body", undefined)).toEqual({
      missing: ["customer_name", "kode"],
      unknown: [],
    });
    expect(unfilledParams(named, "body", { customer_name: "{{name}}", kode: "  ", kota: "x" })).toEqual({
      missing: ["kode"],
      unknown: ["kota"],
    });
    expect(unfilledParams(named, "body", ["a", "b"])).toEqual({
      missing: ["customer_name", "kode"],
      unknown: ["1", "2"],
    });
    const positional = {
      header: null,
      body: "Diskon {{1}} untuk {{2}}",
      headerMedia: null,
      format: "POSITIONAL" as const,
    };
    expect(unfilledParams(positional, "body", ["20%", ""])).toEqual({ missing: ["2"], unknown: [] });
    expect(unfilledParams(positional, "body", ["20%", "a", "b"])).toEqual({ missing: [], unknown: ["3"] });
    expect(unfilledParams(positional, "header", undefined)).toEqual({ missing: [], unknown: [] });
  });
});
