import { mkdirSync } from "node:fs";
import { test as base, expect, type Page } from "@playwright/test";
import { OWNER } from "./global-setup.js";

export { expect };
export { OWNER };

/** Where the screenshots of the main pages go. */
const SCREENSHOTS = "test-results/screenshots";

/** Playwright's test, pointed at the Kabar that global-setup.ts started. */
export const test = base.extend({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern; this one has none
  baseURL: async ({}, use) => {
    const url = process.env.KABAR_BROWSER_URL;
    if (!url)
      throw new Error(
        "KABAR_BROWSER_URL is not set: run through `npm run test:browser` (global-setup.ts starts Kabar)",
      );
    await use(url);
  },
});

/** Fills the sign-in form as the owner with `password` and submits it (no wait: the answer may be a refusal). */
export async function submitSignIn(page: Page, password: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(OWNER.email);
  await page.getByLabel(/Kata sandi|Password/).fill(password);
  await page.getByRole("button", { name: /^(Masuk|Sign in)$/ }).click();
}

/**
 * Signs in through the form as the owner and waits until the app shows the shop, so the
 * session cookie is set before the test goes anywhere else.
 */
export async function signIn(page: Page): Promise<void> {
  await submitSignIn(page, OWNER.password);
  await expect(page.getByTestId("shop-name")).toBeVisible();
}

/** A full-page screenshot named `name` in test-results/screenshots/. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

/**
 * Calls the API with the page's session (its cookies). Playwright's request client sends no
 * Origin, so it is set as Kabar's own pages send it (unsafe requests signed in by cookie
 * must prove their origin, src/http/auth.ts).
 */
export async function apiCall<T>(
  page: Page,
  method: "GET" | "POST" | "PATCH" | "PUT",
  path: string,
  data?: unknown,
): Promise<T> {
  const origin = new URL(process.env.KABAR_BROWSER_URL!).origin;
  const r = await page.request.fetch(`/api/v1${path}`, {
    method,
    data,
    headers: method === "GET" ? {} : { origin },
  });
  expect(r.status(), await r.text()).toBeLessThan(300);
  return (await r.json()) as T;
}

/**
 * In the campaign composer (already open): names the campaign, picks the demo customers'
 * label as its audience and goes on to the number step, then picks `number` as the main number.
 */
export async function composeToNumber(page: Page, name: string, number: string): Promise<void> {
  await page.getByLabel("Nama kampanye").fill(name);
  await page.getByTestId("labels-input").click();
  await page.getByRole("option", { name: /pelanggan-demo/ }).click();
  await page.keyboard.press("Escape");
  await page.getByTestId("composer-next").click();
  await page.getByTestId("channel-input").click();
  await page.getByRole("option", { name: number }).first().click();
}
