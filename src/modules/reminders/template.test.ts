import { describe, expect, it } from "vitest";
import { NO_SUGGESTIONS, reminderTemplateRef, templateColumns } from "./template.js";

describe("a reminder's WhatsApp template", () => {
  it("maps the reminder variables onto the run's columns, in order or by name, leaving the rest", () => {
    expect(
      reminderTemplateRef({
        name: "pengingat",
        language: "id",
        body: ["{{name|Kak}}", "{{ reminder.items }}", "Coba juga {{reminder.suggestions}}"],
        buttons: [{ index: 0, subType: "quick_reply", parameter: "{{reminder.items}}" }],
      }),
    ).toEqual({
      name: "pengingat",
      language: "id",
      body: ["{{name|Kak}}", "{{1}}", "Coba juga {{2}}"],
      buttons: [{ index: 0, subType: "quick_reply", parameter: "{{1}}" }],
    });
    expect(
      reminderTemplateRef({ name: "p", language: "id", header: { produk: "{{reminder.items}}" } }),
    ).toEqual({ name: "p", language: "id", header: { produk: "{{1}}" } });
  });

  it("never leaves the suggestions parameter blank (Meta refuses it)", () => {
    expect(templateColumns(["Kopi", "", ""])).toEqual(["Kopi", NO_SUGGESTIONS, ""]);
    expect(templateColumns(["Kopi", "Teh (Rp25.000)", "x"])).toEqual(["Kopi", "Teh (Rp25.000)", "x"]);
  });
});
