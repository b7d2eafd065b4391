import { expect, screenshot, signIn, test } from "./fixtures.js";

test("the language switch changes the interface from Bahasa Indonesia to English, and it sticks", async ({
  page,
}) => {
  await signIn(page);
  const nav = page.getByRole("navigation");
  await expect(nav.getByRole("link", { name: "Beranda" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Kampanye" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "id");

  await page.getByTestId("language-switch").getByText("EN").click();
  await expect(nav.getByRole("link", { name: "Dashboard" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Campaigns" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Kampanye" })).toHaveCount(0);
  await expect(page.getByText("Latest campaigns")).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await screenshot(page, "11-dashboard-en");

  // The choice survives a reload; and back to Bahasa Indonesia.
  await page.reload();
  await expect(nav.getByRole("link", { name: "Contacts" })).toBeVisible();
  await page.getByTestId("language-switch").getByText("ID").click();
  await expect(nav.getByRole("link", { name: "Kontak" })).toBeVisible();
});
