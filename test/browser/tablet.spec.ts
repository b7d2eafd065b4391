import { expect, screenshot, signIn, test } from "./fixtures.js";

/** Every main page of the app, as the navigation links to it. */
const PAGES = [
  { path: "/", name: "dashboard" },
  { path: "/inbox", name: "inbox" },
  { path: "/quick-replies", name: "quick-replies" },
  { path: "/settings", name: "settings" },
  { path: "/campaigns", name: "campaigns" },
  { path: "/campaigns/new", name: "composer" },
  { path: "/contacts", name: "contacts" },
  { path: "/templates", name: "templates" },
  { path: "/channels", name: "channels" },
  { path: "/automation", name: "automation" },
  { path: "/sandbox", name: "sandbox" },
];

test.use({ viewport: { width: 768, height: 1024 } });

test("every main page fits a tablet (768 px) without sideways scrolling, the menu behind a burger", async ({
  page,
}) => {
  await signIn(page);
  await expect(page.getByTestId("shop-name")).toBeVisible();
  for (const { path, name } of PAGES) {
    await page.goto(path);
    await expect(page.locator("main")).toBeVisible();
    await expect(page.getByTestId("loading")).toHaveCount(0);
    await expect(page.getByText(/Halaman tidak ditemukan|Page not found/)).toHaveCount(0);
    const overflow = await page.evaluate(
      "document.documentElement.scrollWidth - document.documentElement.clientWidth",
    );
    expect({ path, overflow }).toEqual({ path, overflow: 0 });
    await screenshot(page, `tablet-${name}`);
  }
  // The navigation is folded away on a tablet and opens from the burger.
  const nav = page.getByRole("navigation");
  await expect(nav.getByRole("link", { name: "Kampanye" })).not.toBeInViewport();
  await page.getByRole("button", { name: /Menu/i }).click();
  await expect(nav.getByRole("link", { name: "Kampanye" })).toBeInViewport();
  await nav.getByRole("link", { name: "Kampanye" }).click();
  await expect(page).toHaveURL(/\/campaigns$/);
});
