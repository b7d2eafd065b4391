import { fixturePath } from "../fixtures/contacts/helpers.js";
import { expect, signIn, test } from "./fixtures.js";

test("a Google Contacts CSV through the wizard, a column touched: every number and Google's labels are previewed and imported", async ({
  page,
}) => {
  await signIn(page);
  await page.goto("/contacts/import");
  await page.locator("input[type=file]").setInputFiles(fixturePath("google-current.csv"));
  await expect(page.getByTestId("detected-format")).toHaveText("Google Contacts");

  // Touching one column makes the wizard send a mapping: the preview (read by the import's own
  // code) still reads the file as Google's.
  await page.getByRole("textbox", { name: "Nama atribut untuk kolom Notes" }).fill("catatan");
  const rows = page.getByTestId("preview-row");
  const budi = rows.filter({ hasText: "Budi Santoso" });
  await expect(budi.getByTestId("preview-labels")).toHaveText("Pelanggan");
  await expect(budi.getByTestId("preview-other-phones")).toHaveText("+ nomor lain: +62 21 5550123");
  const siti = rows.filter({ hasText: "Siti Nurhaliza" });
  await expect(siti.getByTestId("preview-phone")).toHaveText("+62 813-1111-2222");
  await expect(siti.getByTestId("preview-other-phones")).toHaveText(
    "+ nomor lain: +62 857-3333-4444, +62 21 5550199",
  );
  await expect(siti.getByTestId("preview-labels")).toHaveText("VIPReseller");
  await expect(rows.filter({ hasText: "+62 31 5550777" }).getByTestId("preview-name")).toHaveText(
    "CV Maju Jaya",
  );
  await expect(page.getByTestId("several-phones")).toBeVisible();

  await page.getByTestId("import-submit").click();
  await expect(page.getByTestId("import-good")).toHaveText("5");
  await expect(page.getByTestId("import-rejected")).toHaveText("2");

  // The contacts carry Google's labels, not its system groups, and the organisation as a name.
  await page.getByTestId("import-done").click();
  await page.getByTestId("filter-label").click();
  await expect(page.getByRole("option", { name: /^Reseller/ })).toBeVisible();
  await expect(page.getByRole("option", { name: /myContacts|starred/ })).toHaveCount(0);
  await page.getByRole("option", { name: /^Supplier/ }).click();
  const contacts = page.getByTestId("contact-row");
  await expect(contacts).toHaveCount(1);
  await expect(contacts).toContainText("CV Maju Jaya");
});
