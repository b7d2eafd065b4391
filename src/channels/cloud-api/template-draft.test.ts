import { describe, expect, it } from "vitest";
import { draftProblems, type TemplateDraft, templateDraftSchema } from "./template-draft.js";

/** A valid draft with a text header, body, footer and the given buttons. */
function draft(over: Partial<TemplateDraft> = {}): TemplateDraft {
  return templateDraftSchema.parse({
    name: "promo_lebaran",
    language: "id",
    category: "MARKETING",
    components: [
      { type: "HEADER", format: "TEXT", text: "Promo {{1}}", example: { header_text: ["Lebaran"] } },
      { type: "BODY", text: "Halo {{1}}, diskon {{2}}!", example: { body_text: [["Sari", "20%"]] } },
      { type: "FOOTER", text: "Toko Sinar Jaya" },
      { type: "BUTTONS", buttons: [{ type: "QUICK_REPLY", text: "Stop promo" }] },
    ],
    ...over,
  });
}
const en = (p: Record<string, { en: string }>) =>
  Object.fromEntries(Object.entries(p).map(([k, v]) => [k, v.en]));
const withComponent = (i: number, c: unknown) => {
  const d = draft();
  d.components[i] = c as TemplateDraft["components"][number];
  return d;
};

describe("template draft: Meta's limits", () => {
  it("accepts a valid draft", () => {
    expect(draftProblems(draft())).toEqual({});
  });

  it("name: lowercase, digits and _, at most 512", () => {
    expect(draftProblems(draft({ name: "a".repeat(512) }))).toEqual({});
    expect(en(draftProblems(draft({ name: "a".repeat(513) })))).toEqual({ name: "At most 512 characters" });
    expect(Object.keys(draftProblems(draft({ name: "Promo Lebaran" })))).toEqual(["name"]);
    expect(draftProblems(draft({ name: "" })).name?.id).toBe("Wajib diisi");
  });

  it("language from the list", () => {
    expect(draftProblems(draft({ language: "en_US" }))).toEqual({});
    expect(Object.keys(draftProblems(draft({ language: "xx" })))).toEqual(["language"]);
  });

  it("header text: at most 60 characters and one variable", () => {
    const header = (text: string, example = ["x"]) =>
      withComponent(0, { type: "HEADER", format: "TEXT", text, example: { header_text: example } });
    expect(draftProblems(header("a".repeat(60)))).toEqual({});
    expect(en(draftProblems(header("a".repeat(61))))).toEqual({
      "components[0].text": "At most 60 characters",
    });
    expect(en(draftProblems(header("{{1}} {{2}}", ["a", "b"])))).toEqual({
      "components[0].text": "A header may have one variable only",
    });
    expect(Object.keys(draftProblems(header("Promo {{1}}", [])))).toEqual(["components[0].example"]);
  });

  it("media header needs an example file handle", () => {
    expect(
      draftProblems(
        withComponent(0, { type: "HEADER", format: "IMAGE", example: { header_handle: ["4::aW1n"] } }),
      ),
    ).toEqual({});
    expect(Object.keys(draftProblems(withComponent(0, { type: "HEADER", format: "VIDEO" })))).toEqual([
      "components[0].example",
    ]);
  });

  it("body: at most 1,024 characters, an example for each variable", () => {
    const body = (text: string, example?: unknown) => withComponent(1, { type: "BODY", text, example });
    expect(draftProblems(body("a".repeat(1024)))).toEqual({});
    expect(en(draftProblems(body("a".repeat(1025))))).toEqual({
      "components[1].text": "At most 1024 characters",
    });
    expect(en(draftProblems(body("Halo {{1}} {{2}}", { body_text: [["Sari", " "]] })))).toEqual({
      "components[1].example": "An example is required for {{2}}",
    });
    expect(Object.keys(draftProblems(body("Halo {{1}} {{3}}", { body_text: [["a", "b"]] })))).toEqual([
      "components[1].text",
    ]);
  });

  it("named variables: not mixed with positional ones, an example by name", () => {
    const named = (text: string, params: Array<{ param_name: string; example: string }>) =>
      draft({
        parameterFormat: "NAMED",
        components: [{ type: "BODY", text, example: { body_text_named_params: params } }],
      });
    expect(
      draftProblems(named("Halo {{first_name}}", [{ param_name: "first_name", example: "Sari" }])),
    ).toEqual({});
    expect(en(draftProblems(named("Halo {{first_name}} {{1}}", [])))).toEqual({
      "components[0].text": "Named format: use {{variable_name}}, not {{1}}",
    });
    expect(en(draftProblems(named("Halo {{first_name}}", [])))).toEqual({
      "components[0].example": "An example is required for {{first_name}}",
    });
    expect(
      Object.keys(draftProblems(withComponent(1, { type: "BODY", text: "Halo {{first_name}}" }))),
    ).toEqual(["components[1].text"]);
  });

  it("footer: at most 60 characters, no variables", () => {
    expect(draftProblems(withComponent(2, { type: "FOOTER", text: "a".repeat(60) }))).toEqual({});
    expect(en(draftProblems(withComponent(2, { type: "FOOTER", text: "a".repeat(61) })))).toEqual({
      "components[2].text": "At most 60 characters",
    });
  });

  it("buttons: 3 quick replies or 2 calls to action, 20 characters each, +62 and https", () => {
    const buttons = (list: unknown[]) => withComponent(3, { type: "BUTTONS", buttons: list });
    const quick = (text: string) => ({ type: "QUICK_REPLY", text });
    expect(draftProblems(buttons([quick("a".repeat(20)), quick("b"), quick("c")]))).toEqual({});
    expect(en(draftProblems(buttons([quick("a"), quick("b"), quick("c"), quick("d")])))).toEqual({
      "components[3].buttons": "At most 3 quick replies",
    });
    expect(en(draftProblems(buttons([quick("a".repeat(21))])))).toEqual({
      "components[3].buttons[0].text": "At most 20 characters",
    });
    const call = { type: "PHONE_NUMBER", text: "Telepon", phone_number: "+6281234567890" };
    const url = {
      type: "URL",
      text: "Lihat",
      url: "https://toko.id/p/{{1}}",
      example: ["https://toko.id/p/17"],
    };
    expect(draftProblems(buttons([call, url]))).toEqual({});
    expect(en(draftProblems(buttons([call, url, url])))).toEqual({
      "components[3].buttons": "At most 2 call-to-action buttons",
    });
    expect(Object.keys(draftProblems(buttons([call, quick("a")])))).toEqual(["components[3].buttons"]);
    expect(Object.keys(draftProblems(buttons([{ ...call, phone_number: "081234567890" }])))).toEqual([
      "components[3].buttons[0].phone_number",
    ]);
    expect(Object.keys(draftProblems(buttons([{ ...url, url: "http://toko.id/{{1}}" }])))).toEqual([
      "components[3].buttons[0].url",
    ]);
    expect(Object.keys(draftProblems(buttons([{ ...url, url: "https://toko.id/{{1}}/x" }])))).toEqual([
      "components[3].buttons[0].url",
    ]);
    expect(Object.keys(draftProblems(buttons([{ ...url, example: [] }])))).toEqual([
      "components[3].buttons[0].example",
    ]);
  });

  it("needs a body", () => {
    expect(Object.keys(draftProblems(draft({ components: [{ type: "FOOTER", text: "x" }] })))).toEqual([
      "components",
    ]);
  });
});
