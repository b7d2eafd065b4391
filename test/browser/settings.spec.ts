import { readFileSync } from "node:fs";
import { apiCall, expect, screenshot, signIn, test } from "./fixtures.js";

// Every spec shares one shop: put its files back in Bahasa Indonesia whatever happened here.
test.afterEach(async ({ page }) => {
  await apiCall(page, "PATCH", "/tenant", { locale: "id" });
});

test("the owner switches the language of downloaded files to English on the settings page, and the contact export has English headers", async ({
  page,
}) => {
  await signIn(page);
  await page.getByRole("navigation").getByRole("link", { name: "Pengaturan toko" }).click();
  await expect(page).toHaveURL(/\/settings$/);
  const language = page.getByRole("textbox", { name: "Bahasa berkas unduhan" });
  await expect(language).toHaveValue("Bahasa Indonesia");
  await expect(page.getByTestId("settings-save")).toBeDisabled();
  await screenshot(page, "settings");

  await language.click();
  await page.getByRole("option", { name: "English" }).click();
  await expect(page.getByTestId("settings-unsaved")).toHaveText("Ada perubahan yang belum disimpan.");
  await page.getByTestId("settings-save").click();
  await expect(page.getByText("Pengaturan toko disimpan.")).toBeVisible();
  await expect(page.getByTestId("settings-save")).toBeDisabled();
  await expect(language).toHaveValue("English");

  // The screen stays in Bahasa Indonesia; the file speaks English.
  await page.getByRole("navigation").getByRole("link", { name: "Kontak" }).click();
  await expect(page.getByTestId("contacts-table")).toBeVisible();
  await page.getByTestId("export-menu").click();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("export-csv").click(),
  ]);
  const header = readFileSync((await download.path())!, "utf8")
    .replace(/^\ufeff/, "")
    .split(/\r\n/)[0];
  expect(header).toMatch(/^Number,Name,Labels,(.*,)?Opted out,Added$/);
});
