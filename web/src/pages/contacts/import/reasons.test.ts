import { describe, expect, it } from "vitest";
import i18n from "../../../i18n";
import { importReason } from "./reasons";

describe("importReason", () => {
  it("says the server's reasons for rejected rows in Bahasa Indonesia, keeping the quoted values", async () => {
    await i18n.changeLanguage("id");
    const t = i18n.t.bind(i18n);
    expect(importReason(t, 'invalid phone "123": too short')).toBe('nomor tidak valid "123": terlalu pendek');
    expect(importReason(t, 'invalid phone "08l2-3456-7890": contains letters')).toBe(
      'nomor tidak valid "08l2-3456-7890": mengandung huruf',
    );
    expect(importReason(t, 'invalid phone "+1 555 0100": invalid number for US')).toBe(
      'nomor tidak valid "+1 555 0100": nomor tidak berlaku untuk US',
    );
    expect(importReason(t, "no phone number")).toBe("tidak ada nomor telepon");
    expect(importReason(t, 'unclosed quote (")')).toBe('tanda kutip (") tidak ditutup');
    // Unknown reasons stay as the server wrote them.
    expect(importReason(t, "invalid vCard: bad line")).toBe("invalid vCard: bad line");
    await i18n.changeLanguage("en");
    expect(importReason(i18n.t.bind(i18n), 'invalid phone "123": too short')).toBe(
      'invalid phone "123": too short',
    );
  });
});
