import { describe, expect, it } from "vitest";
import { prepareCreate } from "./commands/campaign-create.js";
import { parseDelimiter, parseMapping } from "./commands/import.js";

describe("import options", () => {
  it("reads a column mapping", () => {
    expect(parseMapping('{"phone":"No HP","name":"Nama","attributes":{"kota":"Kota"}}')).toEqual({
      phone: "No HP",
      name: "Nama",
      attributes: { kota: "Kota" },
    });
  });

  it("rejects a mapping that is not JSON, has unknown keys or non-string headers", () => {
    expect(() => parseMapping("{phone:1}")).toThrow(/not valid JSON/);
    expect(() => parseMapping('{"telepon":"HP"}')).toThrow(/--mapping/);
    expect(() => parseMapping('{"phone":1}')).toThrow(/phone/);
  });

  it('reads one-character delimiters, and \\t or "tab" as a tab', () => {
    expect(parseDelimiter(";")).toBe(";");
    expect(parseDelimiter("\\t")).toBe("\t");
    expect(parseDelimiter("TAB")).toBe("\t");
    expect(() => parseDelimiter(";;")).toThrow(/one character/);
  });
});

describe("campaign create options", () => {
  const base = { name: "Promo", channel: "WhatsApp Toko" };

  it("takes a message and an audience", () => {
    expect(prepareCreate({ ...base, message: "Halo {{name}}", labels: "vip" })).toEqual({
      name: "Promo",
      channel: "WhatsApp Toko",
      body: "Halo {{name}}",
      templateId: undefined,
      audience: { type: "labels", labels: ["vip"], match: "any" },
    });
  });

  it("takes a template id instead of a message", () => {
    const id = "3f2b9c1e-0d4a-4c4e-9a53-2a1f0c9b7e11";
    expect(prepareCreate({ ...base, template: id, all: true })).toMatchObject({
      templateId: id,
      body: undefined,
      audience: { type: "all" },
    });
  });

  it("wants exactly one of --message and --template", () => {
    expect(() => prepareCreate({ ...base, all: true })).toThrow(/exactly one of --message/);
    expect(() =>
      prepareCreate({ ...base, all: true, message: "x", template: "3f2b9c1e-0d4a-4c4e-9a53-2a1f0c9b7e11" }),
    ).toThrow(/exactly one of --message/);
    expect(() => prepareCreate({ ...base, all: true, template: "promo" })).toThrow(/not a template id/);
  });
});
