import { describe, expect, it } from "vitest";
import { templateParams } from "./send.js";

const variables = {
  used: ["name", "order.number", "order.courier"],
  values: { name: "Budi", "order.number": "INV/2026/12/0001", "order.total": "Rp150.000", kota: "Bandung" },
};

describe("templateParams", () => {
  it("fills positional parameters with the text's variables in order, '-' for an empty one", () => {
    expect(templateParams(["1", "2"], "POSITIONAL", variables)).toEqual(["Budi", "INV/2026/12/0001"]);
    expect(templateParams(["1", "2", "3", "4"], "POSITIONAL", variables)).toEqual([
      "Budi",
      "INV/2026/12/0001",
      "-",
      "-",
    ]);
  });

  it("fills named parameters by name, an order variable with _ for its dot", () => {
    expect(
      templateParams(["name", "order_number", "order_total", "kota", "alamat"], "NAMED", variables),
    ).toEqual({
      name: "Budi",
      order_number: "INV/2026/12/0001",
      order_total: "Rp150.000",
      kota: "Bandung",
      alamat: "-",
    });
  });
});
