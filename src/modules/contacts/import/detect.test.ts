import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fixturePath } from "../../../../test/fixtures/contacts/helpers.js";
import { detectFormat, sniffHeaders } from "./detect.js";

const head = (name: string) => readFileSync(fixturePath(name)).subarray(0, 16 * 1024);

describe("detectFormat", () => {
  it.each([
    ["google-current.csv", "google"],
    ["google-legacy.csv", "google"],
    ["outlook.csv", "outlook"],
    ["semicolon.csv", "csv"],
    ["bad-rows.csv", "csv"],
    ["android-2.1.vcf", "vcard"],
    ["iphone-3.0.vcf", "vcard"],
    ["whatsapp-card.vcf", "vcard"],
  ])("sniffs %s as %s without a file name", (name, format) => {
    expect(detectFormat(undefined, head(name))).toBe(format);
  });

  it("trusts content over the extension", () => {
    expect(detectFormat("kontak.csv", Buffer.from("PK\x03\x04\x14\x00"))).toBe("xlsx");
    expect(detectFormat("kontak.txt", Buffer.from("\uFEFF\r\nbegin:vcard\r\nVERSION:3.0"))).toBe("vcard");
  });

  it("falls back to the extension, then to CSV", () => {
    expect(detectFormat("Kontak.VCF", Buffer.from("N:Santoso;Budi"))).toBe("vcard");
    expect(detectFormat("kontak.xls", Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))).toBe("xlsx");
    expect(detectFormat("kontak.tsv", Buffer.from("nama\thp\nBudi\t0812"))).toBe("csv");
    expect(detectFormat(undefined, Buffer.alloc(0))).toBe("csv");
  });
});

describe("sniffHeaders", () => {
  it("needs Phone N - Value for Google and several Outlook columns for Outlook", () => {
    expect(sniffHeaders(["Name", "Phone 1 - Value"])).toBe("google");
    expect(sniffHeaders(["First Name", "Last Name", "Mobile Phone", "E-mail Address"])).toBe("outlook");
    expect(sniffHeaders(["First Name", "Last Name", "Mobile Phone"])).toBe("csv");
    expect(sniffHeaders(["Nama", "Mobile Phone", "Categories"])).toBe("csv");
  });
});
