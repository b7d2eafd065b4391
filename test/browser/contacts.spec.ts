import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { fixturePath } from "../fixtures/contacts/helpers.js";
import { expect, signIn, test } from "./fixtures.js";

/** The good rows of wizard.csv as they are stored (E.164) and their names. */
const GOOD = [
  ["+6281398760001", "Bayu Pratama"],
  ["+6281398760002", "Citra Lestari"],
  ["+6281398760005", "Farhan Hakim"],
  ["+6281398760007", "Hana Maharani"],
  ["+6281398760008", "Intan Permata"],
] as const;

/** A full-page screenshot in this test's output folder. */
const shot = (page: Page, name: string) =>
  page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });

/** Clicks `trigger` and resolves with the text of the file it downloads. */
async function downloadText(
  page: Page,
  trigger: () => Promise<void>,
): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent("download"), trigger()]);
  return { name: download.suggestedFilename(), text: readFileSync((await download.path())!, "utf8") };
}

test("import a CSV with bad rows through the wizard, download the import error report, see the contacts, export them", async ({
  page,
}) => {
  await signIn(page);
  await expect(page.getByTestId("shop-name")).toHaveText("Toko Contoh");
  await page.getByRole("navigation").getByRole("link", { name: "Kontak" }).click();
  await expect(page.getByTestId("contacts-table")).toBeVisible();
  await shot(page, "contacts-page");

  // 1. The file: the server reads its start and suggests columns.
  await page.getByTestId("import-contacts").click();
  await expect(page).toHaveURL(/\/contacts\/import$/);
  await shot(page, "wizard-file");
  await page.locator("input[type=file]").setInputFiles(fixturePath("wizard.csv"));
  await expect(page.getByTestId("mapping-step")).toBeVisible();
  await expect(page.getByTestId("detected-format")).toHaveText("CSV");
  // "No. WhatsApp" is recognised as the phone; "Nama Pelanggan" is not a name header: mapped by hand.
  await expect(page.getByTestId("preview-phone").first()).toHaveText("+62 813-9876-0001");
  await expect(page.getByTestId("preview-name").first()).toHaveText("—");
  await page.getByRole("textbox", { name: "Kolom Nama Pelanggan dijadikan" }).click();
  await page.getByRole("option", { name: "Nama", exact: true }).click();
  await expect(page.getByTestId("preview-name").first()).toHaveText("Bayu Pratama");
  await page.getByTestId("import-labels").fill("impor-wizard");
  await page.getByTestId("import-labels").press("Enter");
  await expect(page.getByTestId("preview-labels").first()).toContainText("impor-wizard");
  await shot(page, "wizard-mapping");

  // 2. The import: counts of good and rejected rows, the rejected rows with line and reason.
  await page.getByTestId("import-submit").click();
  await expect(page.getByTestId("import-good")).toHaveText("5");
  await expect(page.getByTestId("import-rejected")).toHaveText("3");
  await expect(page.getByTestId("rejected-table").getByRole("row")).toHaveCount(4);
  await expect(page.getByTestId("rejected-table")).toContainText('nomor tidak valid "123": terlalu pendek');
  await shot(page, "wizard-result");

  // The import error report: every rejected row with its line number and reason.
  const report = await downloadText(page, () => page.getByTestId("download-rejected").click());
  expect(report.name).toMatch(/^import-[0-9a-f-]{36}-rejected\.csv$/);
  const lines = report.text
    .replace(/^\ufeff/, "")
    .trim()
    .split(/\r\n/);
  expect(lines[0]).toBe("line,reason,row");
  expect(lines.slice(1)).toEqual([
    '4,"invalid phone ""123"": too short","Dimas Anggara,123,Jakarta,"',
    '5,no phone number,"Eka Putri,,Medan,"',
    '7,"invalid phone ""08l3-9876-0006"": contains letters","Gilang Ramadhan,08l3-9876-0006,Bogor,"',
  ]);

  // 3. The contacts table shows the imported contacts (filtered by the label given in the wizard).
  await page.getByTestId("import-done").click();
  await expect(page).toHaveURL(/\/contacts$/);
  await page.getByTestId("filter-label").click();
  await page.getByRole("option", { name: /^impor-wizard/ }).click();
  await expect(page.getByTestId("contact-total")).toHaveText("5 kontak");
  const rows = page.getByTestId("contact-row");
  await expect(rows).toHaveCount(5);
  // Numbers are shown grouped: +6281398760001 reads +62 813-9876-0001.
  const shown = (e164: string) => `+62 ${e164.slice(3, 6)}-${e164.slice(6, 10)}-${e164.slice(10)}`;
  for (const [phone, name] of GOOD) await expect(rows.filter({ hasText: shown(phone) })).toContainText(name);
  await expect(rows.filter({ hasText: "Bayu Pratama" })).toContainText("reseller");
  await shot(page, "contacts-imported");
  // The same page on a tablet: filters wrap, the table scrolls inside its box.
  await page.setViewportSize({ width: 768, height: 1000 });
  await page.getByTestId("select-page").check();
  await expect(page.getByTestId("bulk-bar")).toBeVisible();
  await shot(page, "contacts-768");
  await page.getByTestId("select-page").uncheck();
  await page.setViewportSize({ width: 1280, height: 800 });

  // 4. Export CSV: a file with exactly these contacts.
  await page.getByTestId("export-menu").click();
  const exported = await downloadText(page, () => page.getByTestId("export-csv").click());
  expect(exported.name).toMatch(/^kontak-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = exported.text
    .replace(/^\ufeff/, "")
    .trim()
    .split(/\r\n/);
  expect(csv[0]).toBe("Nomor,Nama,Label,kota,Berhenti berlangganan,Ditambahkan");
  expect(
    csv
      .slice(1)
      .map((l) => l.split(",").slice(0, 2).join(","))
      .sort(),
  ).toEqual(GOOD.map(([phone, name]) => `${phone},${name}`));
  expect(csv.find((l) => l.startsWith("+6281398760001"))).toMatch(
    /^\+6281398760001,Bayu Pratama,"(impor-wizard, reseller|reseller, impor-wizard)",Bandung,,\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/,
  );

  // 5. A contact's page: details and (no) campaign history.
  await page.getByTestId("contact-link").filter({ hasText: "Hana Maharani" }).click();
  await expect(page.getByTestId("contact-title")).toHaveText("Hana Maharani");
  await expect(page.getByTestId("contact-phone")).toHaveValue("+6281398760007");
  await expect(page.getByText("Kontak ini belum pernah menerima kampanye.")).toBeVisible();
  // The server's field error shows on the field; nothing is saved.
  await page.getByTestId("contact-phone").fill("0812");
  await page.getByTestId("contact-save").click();
  await expect(page.getByTestId("contact-phone")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("contact-form")).toContainText("Nomor tidak valid: terlalu pendek");
  await shot(page, "contact-detail");
  await page.getByTestId("back-to-contacts").click();

  // 6. Bulk delete asks first, with the count.
  await expect(page.getByTestId("contact-row")).toHaveCount(5);
  await page.getByTestId("select-page").check();
  await expect(page.getByTestId("bulk-count")).toHaveText("5 kontak dipilih");
  await page.getByTestId("bulk-delete").click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Hapus 5 kontak?");
  await dialog.getByRole("button", { name: "Hapus 5 kontak" }).click();
  await expect(page.getByTestId("empty")).toHaveText("Tidak ada kontak yang cocok.");
});
