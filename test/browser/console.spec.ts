import { expect, signIn, test } from "./fixtures.js";

/** Every main page, each opened by its address (a first load, as a bookmark or a reload does). */
const PAGES = [
  "/",
  "/inbox",
  "/quick-replies",
  "/settings",
  "/campaigns",
  "/campaigns/new",
  "/contacts",
  "/contacts/import",
  "/templates",
  "/channels",
  "/automation",
  "/sandbox",
];

test("a visit leaves the browser console clean: no failed request before sign-in, no warning on any page", async ({
  page,
}) => {
  const noise: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "warning" || m.type() === "error") noise.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (err) => noise.push(`page error: ${err.message}`));

  // A first visit without a session: the app asks who is signed in and goes to sign-in.
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole("button", { name: "Masuk" })).toBeVisible();
  expect(noise).toEqual([]);

  await signIn(page);
  for (const path of PAGES) {
    await page.goto(path);
    await expect(page.locator("main")).toBeVisible();
    await expect(page.getByTestId("loading")).toHaveCount(0);
    expect({ path, noise }).toEqual({ path, noise: [] });
  }
});
