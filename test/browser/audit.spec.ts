import { expect, screenshot, signIn, test } from "./fixtures.js";

test("the owner reads the audit log: their sign-in is there, the action filter narrows it, and it downloads as CSV", async ({
  page,
}) => {
  await signIn(page);
  await page.getByRole("navigation").getByRole("link", { name: "Log audit" }).click();
  await expect(page).toHaveURL(/\/audit$/);
  await expect(
    page
      .getByTestId("audit-action")
      .filter({ hasText: /^Masuk$/ })
      .first(),
  ).toBeVisible();

  await page.getByTestId("audit-filter-action").fill("auth.sign_in");
  await expect(page.getByTestId("audit-action").first()).toHaveText("Masuk");
  await expect(page.getByTestId("audit-action").filter({ hasNotText: /^Masuk$/ })).toHaveCount(0);
  await screenshot(page, "audit-log");

  await page.getByTestId("audit-export").click();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("audit-export-csv").click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^audit-\d{4}-\d{2}-\d{2}\.csv$/);
});
