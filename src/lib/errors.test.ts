import { describe, expect, it } from "vitest";
import { catalogueSpecs, defineErrors, KabarError } from "./errors.js";

const errors = defineErrors({
  gone: {
    code: "thing_not_found",
    status: 404,
    when: "The thing in the path does not exist.",
    message: { id: "Barang tidak ditemukan", en: "thing not found" },
  },
  tooMany: {
    code: "too_many",
    status: 400,
    when: "More than allowed.",
    message: (p: { max: number; field: string }) => ({
      id: `Paling banyak ${p.max}`,
      en: `At most ${p.max}`,
      fields: { [p.field]: `at most ${p.max}` },
    }),
  },
});

describe("defineErrors", () => {
  it("builds a KabarError with the entry's code, status and both messages", () => {
    const e = errors.gone();
    expect(e).toBeInstanceOf(KabarError);
    expect({ code: e.code, status: e.status, messages: e.messages, fields: e.fields }).toEqual({
      code: "thing_not_found",
      status: 404,
      messages: { id: "Barang tidak ditemukan", en: "thing not found" },
      fields: undefined,
    });
    expect(e.message).toBe("thing not found");
  });

  it("fills a message's parameters and its fields", () => {
    const e = errors.tooMany({ max: 3, field: "labels" });
    expect({ messages: e.messages, fields: e.fields }).toEqual({
      messages: { id: "Paling banyak 3", en: "At most 3" },
      fields: { labels: "at most 3" },
    });
  });

  it("keeps the specs for docs/errors.md, and refuses an object that is no catalogue", () => {
    expect(Object.keys(catalogueSpecs(errors))).toEqual(["gone", "tooMany"]);
    expect(catalogueSpecs(errors).tooMany!.status).toBe(400);
    expect(() => catalogueSpecs({})).toThrow(/not an error catalogue/);
  });
});
