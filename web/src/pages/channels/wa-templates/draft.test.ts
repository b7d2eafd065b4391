import { describe, expect, it } from "vitest";
import { EMPTY_FORM, formProblems, toInput, type WizardForm, withExamples } from "./draft";

const form = (over: Partial<WizardForm> = {}): WizardForm => ({
  ...EMPTY_FORM,
  name: "promo_lebaran",
  body: "Halo {{1}}",
  bodyExamples: { "1": "Sari" },
  ...over,
});
const keys = (f: WizardForm) =>
  Object.fromEntries(Object.entries(formProblems(f)).map(([k, p]) => [k, p.key]));

describe("the wizard's mirror of Meta's limits", () => {
  it("accepts a valid form", () => {
    expect(formProblems(form())).toEqual({});
  });

  it("checks each length at its edge", () => {
    expect(keys(form({ name: "a".repeat(512) }))).toEqual({});
    expect(keys(form({ name: "a".repeat(513) }))).toEqual({ name: "tooLong" });
    expect(keys(form({ headerType: "TEXT", headerText: "a".repeat(60) }))).toEqual({});
    expect(keys(form({ headerType: "TEXT", headerText: "a".repeat(61) }))).toEqual({ headerText: "tooLong" });
    expect(keys(form({ body: "a".repeat(1024) }))).toEqual({});
    expect(keys(form({ body: "a".repeat(1025) }))).toEqual({ body: "tooLong" });
    expect(keys(form({ footer: "a".repeat(60) }))).toEqual({});
    expect(keys(form({ footer: "a".repeat(61) }))).toEqual({ footer: "tooLong" });
    expect(keys(form({ buttonKind: "QUICK_REPLY", quickReplies: ["a".repeat(20)] }))).toEqual({});
    expect(keys(form({ buttonKind: "QUICK_REPLY", quickReplies: ["a".repeat(21)] }))).toEqual({
      "button.0.text": "tooLong",
    });
  });

  it("checks variables: one in a header, no mixing, no gaps, an example each", () => {
    expect(keys(form({ headerType: "TEXT", headerText: "{{1}} {{2}}" }))).toEqual({
      headerText: "headerOneVariable",
    });
    expect(keys(form({ body: "Halo {{first_name}}" }))).toEqual({ body: "positionalOnly" });
    expect(keys(form({ parameterFormat: "NAMED" }))).toEqual({ body: "namedOnly" });
    expect(keys(form({ body: "{{1}} {{3}}" }))).toEqual({ body: "gaps" });
    expect(keys(form({ body: "{{1}} {{2}}" }))).toEqual({ "bodyExample.2": "example" });
  });

  it("checks call-to-action buttons: +62 numbers, https links with {{1}} only at the end", () => {
    const cta = (type: "URL" | "PHONE_NUMBER", value: string, example = "") =>
      keys(form({ buttonKind: "CTA", cta: [{ type, text: "Buka", value, example }] }));
    expect(cta("PHONE_NUMBER", "+6281234567890")).toEqual({});
    expect(cta("PHONE_NUMBER", "081234567890")).toEqual({ "button.0.value": "phone" });
    expect(cta("URL", "https://toko.id/p/{{1}}", "https://toko.id/p/1")).toEqual({});
    expect(cta("URL", "https://toko.id/p/{{1}}")).toEqual({ "button.0.example": "urlExample" });
    expect(cta("URL", "http://toko.id")).toEqual({ "button.0.value": "url" });
    expect(cta("URL", "https://toko.id/{{1}}/p")).toEqual({ "button.0.value": "url" });
  });

  it("builds Meta's components and places the server's field errors on the form", () => {
    const { input, fieldOf } = toInput(
      form({ headerType: "TEXT", headerText: "Promo {{1}}", headerExample: "Lebaran", footer: "Toko" }),
    );
    expect(input.components).toEqual([
      { type: "HEADER", format: "TEXT", text: "Promo {{1}}", example: { header_text: ["Lebaran"] } },
      { type: "BODY", text: "Halo {{1}}", example: { body_text: [["Sari"]] } },
      { type: "FOOTER", text: "Toko" },
    ]);
    expect([
      fieldOf("components[0].text"),
      fieldOf("components[1].example"),
      fieldOf("components[2].text"),
    ]).toEqual(["headerText", "body", "footer"]);
    expect(withExamples("Halo {{1}} dan {{2}}", { "1": "Sari" })).toBe("Halo Sari dan {{2}}");
  });
});
