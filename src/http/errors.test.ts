import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldMessage } from "./errors.js";

/** The problems of `input` against `schema`, shaped as fastify-type-provider-zod reports them. */
function problems(schema: z.ZodType, input: unknown) {
  const r = schema.safeParse(input);
  return (r.error?.issues ?? []).map(({ path, code, message, ...params }) => ({
    field: path.join("."),
    keyword: code,
    message,
    params,
  }));
}

describe("field messages", () => {
  const schema = z.object({
    name: z.string().trim().min(1),
    count: z.number().int(),
    kind: z.enum(["sandbox", "whatsapp_web"]),
    template: z.string().regex(/^[a-z_]+$/, "a WhatsApp template name: lowercase letters, digits and _"),
  });
  const input = { name: "", count: "tiga", kind: "fax", template: "Promo Besar" };

  it("rebuilds zod's own messages in Bahasa Indonesia", () => {
    const id = Object.fromEntries(problems(schema, input).map((p) => [p.field, fieldMessage(p, "id")]));
    expect(id.name).toMatch(/^Terlalu kecil/);
    expect(id.count).toMatch(/^Input tidak valid/);
    expect(id.kind).toMatch(/sandbox/);
    expect(id.kind).not.toBe(problems(schema, input).find((p) => p.field === "kind")!.message);
  });

  it("keeps English when asked, and messages our schemas wrote as they are", () => {
    const all = problems(schema, input);
    for (const p of all) expect(fieldMessage(p, "en")).toBe(p.message);
    const template = all.find((p) => p.field === "template")!;
    expect(fieldMessage(template, "id")).toBe("a WhatsApp template name: lowercase letters, digits and _");
  });
});
