import { expect, screenshot, signIn, test } from "./fixtures.js";

/** Every main page of the app, as the navigation links to it. */
const PAGES = [
  { path: "/", name: "dashboard" },
  { path: "/inbox", name: "inbox" },
  { path: "/quick-replies", name: "quick-replies" },
  { path: "/orders", name: "orders" },
  { path: "/orders/new", name: "order-new" },
  { path: "/settings", name: "settings" },
  { path: "/campaigns", name: "campaigns" },
  { path: "/campaigns/new", name: "composer" },
  { path: "/contacts", name: "contacts" },
  { path: "/reports", name: "reports" },
  { path: "/templates", name: "templates" },
  { path: "/channels", name: "channels" },
  { path: "/automation", name: "automation" },
  { path: "/sandbox", name: "sandbox" },
];

test.use({ viewport: { width: 768, height: 1024 } });

/**
 * Badges and inputs of the page whose words are cut (an ellipsis, or a value wider than its
 * box), as 'badge "<text>"' / 'input "<text>"': an owner cannot read "IN…" or "Semua nom…".
 * A browser-side expression (this file is typed without the DOM).
 */
const CUT_WORDS = `(() => {
  const cut = [];
  for (const el of document.querySelectorAll("main .mantine-Badge-label")) {
    if (el.scrollWidth > el.clientWidth + 1) cut.push('badge "' + el.textContent + '"');
  }
  const ctx = document.createElement("canvas").getContext("2d");
  const inputs = "main input:not([type=hidden]):not([type=radio]):not([type=checkbox]), main button.mantine-InputBase-input";
  for (const el of document.querySelectorAll(inputs)) {
    if (el.offsetParent === null) continue;
    const text = el instanceof HTMLInputElement ? el.value || el.placeholder : el.textContent;
    if (!text) continue;
    // An input's text is cut when it is wider than the box without its padding.
    const style = getComputedStyle(el);
    ctx.font = style.font;
    const box = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    if (ctx.measureText(text).width > box + 1) cut.push('input "' + text + '"');
  }
  return cut;
})()`;

test("every main page fits a tablet (768 px) without sideways scrolling or cut badges and inputs, the menu behind a burger", async ({
  page,
}) => {
  await signIn(page);
  await expect(page.getByTestId("shop-name")).toBeVisible();
  const cut: string[] = [];
  for (const { path, name } of PAGES) {
    await page.goto(path);
    await expect(page.locator("main")).toBeVisible();
    await expect(page.getByTestId("loading")).toHaveCount(0);
    await expect(page.getByText(/Halaman tidak ditemukan|Page not found/)).toHaveCount(0);
    const overflow = await page.evaluate(
      "document.documentElement.scrollWidth - document.documentElement.clientWidth",
    );
    expect({ path, overflow }).toEqual({ path, overflow: 0 });
    for (const c of await page.evaluate<string[]>(CUT_WORDS)) cut.push(`${path}: ${c}`);
    await screenshot(page, `tablet-${name}`);
  }
  expect(cut).toEqual([]);
  // The navigation is folded away on a tablet and opens from the burger.
  const nav = page.getByRole("navigation");
  await expect(nav.getByRole("link", { name: "Kampanye" })).not.toBeInViewport();
  await page.getByRole("button", { name: /Menu/i }).click();
  await expect(nav.getByRole("link", { name: "Kampanye" })).toBeInViewport();
  await nav.getByRole("link", { name: "Kampanye" }).click();
  await expect(page).toHaveURL(/\/campaigns$/);
});
