import { describe, expect, it } from "vitest";
import { contentDisposition } from "./download.js";

describe("contentDisposition", () => {
  it("gives an ASCII name and the exact UTF-8 name (RFC 6266 / 8187)", () => {
    expect(contentDisposition("inline", "kaos merah.png")).toBe(
      `inline; filename="kaos merah.png"; filename*=UTF-8''kaos%20merah.png`,
    );
    expect(contentDisposition("attachment", "daftar harga é.pdf")).toBe(
      `attachment; filename="daftar harga _.pdf"; filename*=UTF-8''daftar%20harga%20%C3%A9.pdf`,
    );
  });

  it("a name a customer's phone sent cannot break out of the header: quotes, backslashes, line breaks", () => {
    const value = contentDisposition("attachment", 'a"b\\c\r\nSet-Cookie: x=1.pdf');
    expect(value).not.toMatch(/[\r\n]/);
    expect(value).toBe(
      `attachment; filename="a_b_c__Set-Cookie: x=1.pdf"; filename*=UTF-8''a%22b%5Cc%0D%0ASet-Cookie%3A%20x%3D1.pdf`,
    );
  });
});
