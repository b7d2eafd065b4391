import { MantineProvider } from "@mantine/core";
import { act, fireEvent, render, screen } from "@testing-library/react";
import { beforeAll, describe, expect, it, vi } from "vitest";
import i18n from "../../i18n";
import { attributeVariables, insertAt, variableMarkup } from "./editing";
import { VariablePicker } from "./VariablePicker";

beforeAll(async () => {
  await act(() => i18n.changeLanguage("id"));
});

describe("template editing", () => {
  it("writes a variable, with a fallback that cannot break the markup", () => {
    expect(variableMarkup("name")).toBe("{{name}}");
    expect(variableMarkup("name", " kak ")).toBe("{{name|kak}}");
    expect(variableMarkup("kota", "{x}")).toBe("{{kota|x}}");
    expect(variableMarkup("kota", "   ")).toBe("{{kota}}");
  });

  it("inserts at the caret or over the selection, and puts the caret after it", () => {
    expect(insertAt("Halo !", 5, 5, "{{name}}")).toEqual({ text: "Halo {{name}}!", caret: 13 });
    expect(insertAt("Halo Budi!", 5, 9, "{{name}}")).toEqual({ text: "Halo {{name}}!", caret: 13 });
    expect(insertAt("Halo", 99, 99, " {{name}}")).toEqual({ text: "Halo {{name}}", caret: 13 });
  });

  it("offers the contacts' attribute keys that are valid variable names, once, sorted", () => {
    const contacts: Array<{ attributes: Record<string, string> }> = [
      { attributes: { kota: "Medan", "nama depan": "x", total_belanja: "1" } },
      { attributes: { kota: "Solo", name: "y", Asal: "z" } },
      { attributes: {} },
    ];
    expect(attributeVariables(contacts)).toEqual(["Asal", "kota", "total_belanja"]);
  });
});

describe("VariablePicker", () => {
  function show(attributes: string[]) {
    const onInsert = vi.fn();
    render(
      <MantineProvider>
        <VariablePicker attributes={attributes} onInsert={onInsert} />
      </MantineProvider>,
    );
    return onInsert;
  }

  it("inserts name, phone and attributes; a typed fallback goes with the next variable only", () => {
    const onInsert = show(["kota"]);
    fireEvent.click(screen.getByRole("button", { name: "Nama pelanggan" }));
    expect(onInsert).toHaveBeenLastCalledWith("{{name}}");
    const fallback = screen.getByLabelText("Kata cadangan") as HTMLInputElement;
    fireEvent.change(fallback, { target: { value: "kak" } });
    fireEvent.click(screen.getByRole("button", { name: "Nama pelanggan" }));
    expect(onInsert).toHaveBeenLastCalledWith("{{name|kak}}");
    // "kak" belonged to the name: the city inserted next has no fallback ("pelanggan di kak").
    expect(fallback.value).toBe("");
    fireEvent.click(screen.getByRole("button", { name: "{{kota}}" }));
    expect(onInsert).toHaveBeenLastCalledWith("{{kota}}");
    fireEvent.change(fallback, { target: { value: "-" } });
    fireEvent.click(screen.getByRole("button", { name: "Nomor pelanggan" }));
    expect(onInsert).toHaveBeenLastCalledWith("{{phone|-}}");
  });

  it("says where attributes come from when there are none", () => {
    show([]);
    expect(screen.getByText(/Atribut kontak/)).toBeTruthy();
  });
});
