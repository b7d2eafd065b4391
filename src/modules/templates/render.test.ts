import { describe, expect, it } from "vitest";
import { parseTemplate, renderTemplate, type RenderContext } from "./render.js";

const budi: RenderContext = {
  name: "Budi",
  phone: "+6281234567890",
  attributes: { kota: "Bandung", total_belanja: "Rp150.000" },
  columns: ["INV-001", "3 pcs"],
};
const noName: RenderContext = { phone: "+6281234567890", attributes: {} };

function errorsOf(body: string) {
  const result = parseTemplate(body);
  if (result.ok) throw new Error(`expected "${body}" to be invalid`);
  return result.errors.map(({ index, code }) => ({ index, code }));
}

describe("parseTemplate", () => {
  it("lists variables once, in first-use order, from every spintax branch", () => {
    expect(parseTemplate("{Halo|Hai} {{ name }}, pesanan {{1}} ke {{kota}}. {{name|kak}} {x|{{2}}}")).toEqual(
      {
        ok: true,
        variables: ["name", "1", "kota", "2"],
      },
    );
  });

  it("accepts text without markup and literal braces without a pipe", () => {
    expect(parseTemplate("Terima kasih 🙏")).toEqual({ ok: true, variables: [] });
    expect(parseTemplate('{"total": {{total}}} :-} {')).toEqual({ ok: true, variables: ["total"] });
  });

  it("reports an unclosed {{ at its index", () => {
    expect(errorsOf("Halo {{name, apa kabar?")).toEqual([{ index: 5, code: "unclosed_variable" }]);
    expect(errorsOf("Halo {{name}")).toEqual([{ index: 5, code: "unclosed_variable" }]);
  });

  it("reports a }} that closes nothing", () => {
    expect(errorsOf("Halo name}}")).toEqual([{ index: 9, code: "unopened_variable" }]);
  });

  it("reports empty and malformed variable names", () => {
    expect(errorsOf("Halo {{ }}!")).toEqual([{ index: 5, code: "empty_variable" }]);
    expect(errorsOf("Halo {{|kak}}")).toEqual([{ index: 5, code: "empty_variable" }]);
    expect(errorsOf("Halo {{nama depan}}")).toEqual([{ index: 5, code: "invalid_variable" }]);
    expect(errorsOf("{{0}} {{kota.nama}}")).toEqual([
      { index: 0, code: "invalid_variable" },
      { index: 6, code: "invalid_variable" },
    ]);
  });

  it("accepts order variables (order.<key>) and no other dotted name", () => {
    expect(parseTemplate("Pesanan {{order.number}} total {{ order.total }}, {{name}}")).toEqual({
      ok: true,
      variables: ["order.number", "order.total", "name"],
    });
    expect(errorsOf("{{order.}} {{order.a.b}} {{toko.nama}}")).toEqual([
      { index: 0, code: "invalid_variable" },
      { index: 11, code: "invalid_variable" },
      { index: 25, code: "invalid_variable" },
    ]);
  });

  it("reports an unclosed spintax at its opening brace", () => {
    expect(errorsOf("Promo! {Halo|Hai kak")).toEqual([{ index: 7, code: "unclosed_spintax" }]);
    expect(errorsOf("{Halo {kak|bu}|Hai")).toEqual([{ index: 0, code: "unclosed_spintax" }]);
  });

  it("reports several errors sorted by index", () => {
    expect(errorsOf("{a|b {{ }} c}} {{x")).toEqual([
      { index: 5, code: "empty_variable" },
      { index: 15, code: "unclosed_variable" },
    ]);
  });
});

describe("renderTemplate", () => {
  it("fills name, phone, attributes and positional columns", () => {
    const out = renderTemplate(
      "Halo {{name}} ({{phone}}) dari {{kota}}: {{1}}, {{2}}, {{ total_belanja }}",
      budi,
      "r1",
    );
    expect(out).toEqual({
      text: "Halo Budi (+6281234567890) dari Bandung: INV-001, 3 pcs, Rp150.000",
      missing: [],
    });
  });

  it("fills order variables from their dotted names, with fallbacks", () => {
    const ctx = { phone: "+62811", name: "Budi", attributes: { "order.number": "INV/2026/12/0001" } };
    expect(
      renderTemplate("{{name}}: {{order.number}} {{order.tracking|-}} {{order.courier}}", ctx, "s"),
    ).toEqual({
      text: "Budi: INV/2026/12/0001 - ",
      missing: ["order.courier"],
    });
  });

  it("renders missing variables empty and lists them once", () => {
    expect(renderTemplate("Halo {{name}}! {{kota}} {{kota}} {{3}}", noName, "r1")).toEqual({
      text: "Halo !   ",
      missing: ["name", "kota", "3"],
    });
  });

  it("treats an empty or blank value as missing", () => {
    const ctx = { ...budi, name: "  ", attributes: { kota: "" } };
    expect(renderTemplate("{{name}}{{kota}}", ctx, "r1").missing).toEqual(["name", "kota"]);
  });

  it("uses the fallback after a pipe, and does not report it missing", () => {
    expect(renderTemplate("Halo {{name|kak}}!", noName, "r1")).toEqual({ text: "Halo kak!", missing: [] });
    expect(renderTemplate("Halo {{ name | Kakak Cantik }}!", noName, "r1").text).toBe("Halo Kakak Cantik!");
    expect(renderTemplate("Halo {{name|kak}}!", budi, "r1").text).toBe("Halo Budi!");
    expect(renderTemplate("Halo{{name|}}!", noName, "r1")).toEqual({ text: "Halo!", missing: [] });
  });

  it("does not look up attributes case-insensitively or through the prototype", () => {
    expect(renderTemplate("{{Kota}}{{constructor}}", budi, "r1").missing).toEqual(["Kota", "constructor"]);
  });

  it("chooses spintax deterministically from the seed", () => {
    const body = "{Halo|Hai|Selamat pagi} {{name}}, {ada promo|ada diskon} hari ini";
    const first = renderTemplate(body, budi, "recipient-42");
    expect(renderTemplate(body, budi, "recipient-42")).toEqual(first);
    expect(first.text).toMatch(/^(Halo|Hai|Selamat pagi) Budi, ada (promo|diskon) hari ini$/);
  });

  it("spreads spintax choices roughly evenly across 1,000 seeds", () => {
    const counts = new Map<string, number>();
    for (let n = 0; n < 1000; n++) {
      const { text } = renderTemplate("{Halo|Hai|Selamat pagi|Permisi}", budi, `rcpt-${n}`);
      counts.set(text, (counts.get(text) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(["Hai", "Halo", "Permisi", "Selamat pagi"]);
    for (const count of counts.values()) expect(count).toBeGreaterThan(180); // 250 expected
  });

  it("renders nested spintax and variables inside spintax", () => {
    const seen = new Set<string>();
    for (let n = 0; n < 200; n++) {
      const out = renderTemplate("{Halo {kak|bu} {{name}}|Hai {{name|kak}}}!", budi, String(n));
      expect(out.missing).toEqual([]);
      seen.add(out.text);
    }
    expect([...seen].sort()).toEqual(["Hai Budi!", "Halo bu Budi!", "Halo kak Budi!"]);
  });

  it("reports only missing variables from the branch actually rendered", () => {
    const texts = new Map<string, string[]>();
    for (let n = 0; n < 50; n++) {
      const out = renderTemplate("{Halo {{name}}|Hai}", noName, String(n));
      texts.set(out.text, out.missing);
    }
    expect(Object.fromEntries(texts)).toEqual({ "Halo ": ["name"], Hai: [] });
  });

  it("handles a variable directly inside a spintax brace ({{{…}}…})", () => {
    const seen = new Set<string>();
    for (let n = 0; n < 50; n++) seen.add(renderTemplate("{{{name}}|kak}", budi, String(n)).text);
    expect([...seen].sort()).toEqual(["Budi", "kak"]);
  });

  it("keeps literal braces, pipes, Indonesian text and emoji unchanged", () => {
    const body = 'Pesanan {"id": 7} siap 🎉🙏🏽 | Harga: Rp 25.000,- :) } { 👨‍👩‍👧 Terima kasih, {{name}}!';
    expect(renderTemplate(body, budi, "r1").text).toBe(
      'Pesanan {"id": 7} siap 🎉🙏🏽 | Harga: Rp 25.000,- :) } { 👨‍👩‍👧 Terima kasih, Budi!',
    );
    expect(renderTemplate("Halo {{name}} 😊", { ...noName, name: "Siti Nurhaliza 🌸" }, "x").text).toBe(
      "Halo Siti Nurhaliza 🌸 😊",
    );
  });

  it("renders an invalid template best-effort as literal text", () => {
    expect(renderTemplate("Halo {{name", budi, "r1").text).toBe("Halo {{name");
    expect(renderTemplate("{Halo|Hai", budi, "r1").text).toBe("{Halo|Hai");
  });
});
