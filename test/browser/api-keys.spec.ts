import { expect, screenshot, signIn, test } from "./fixtures.js";

test("the owner makes an API key from the settings, sees it once, copies it, and revokes it", async ({
  page,
  context,
  request,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page);
  await page.getByRole("navigation").getByRole("link", { name: "Pengaturan toko" }).click();
  await page.getByRole("link", { name: "Kunci API" }).click();
  await expect(page).toHaveURL(/\/settings\/api-keys$/);
  await expect(page.getByTestId("empty")).toContainText("situs web toko");

  await page.getByTestId("api-keys-create").click();
  await page.getByTestId("api-key-name").fill("Website toko");
  await expect(page.getByText("Membuat pesanan baru (situs web mengirim pesanan).")).toBeVisible();
  await page.getByTestId("api-key-scope-orders:write").click();
  await page.getByTestId("api-key-scope-contacts:read").click();
  await page.getByTestId("api-key-submit").click();

  const shown = page.getByTestId("api-key-value");
  await expect(shown).toHaveText(/^kbr_live_[A-Za-z0-9_-]{43}$/);
  const key = (await shown.textContent())!;
  await expect(page.getByTestId("api-key-once")).toContainText("tidak akan ditampilkan lagi");
  await screenshot(page, "api-key-created");
  await page.getByTestId("api-key-copy").click();
  await expect(page.getByTestId("api-key-copy")).toHaveText("Tersalin");
  const clipboard = () =>
    page.evaluate(() =>
      (
        globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
      ).navigator.clipboard.readText(),
    );
  expect(await clipboard()).toBe(key);

  // The website can use it: a request with the key reaches the shop's contacts.
  const bearer = { authorization: `Bearer ${key}` };
  expect((await request.get("/api/v1/contacts", { headers: bearer })).status()).toBe(200);

  await page.getByTestId("api-key-done").click();
  const row = page.getByTestId("api-key-row").filter({ hasText: "Website toko" });
  await expect(row.getByTestId("api-key-prefix")).toHaveText(`${key.slice(0, 13)}…`);
  await expect(row.getByText("orders:write")).toBeVisible();
  await expect(row.getByText("contacts:read")).toBeVisible();
  // Never shown again.
  await expect(page.getByText(key)).toHaveCount(0);
  await page.reload();
  await expect(row.getByTestId("api-key-last-used")).toContainText("WIB");
  await expect(page.getByText(key)).toHaveCount(0);
  await screenshot(page, "api-keys");

  await row.getByTestId("api-key-revoke").click();
  await page.getByRole("dialog").getByRole("button", { name: "Cabut" }).click();
  await expect(row.getByTestId("api-key-revoked")).toHaveText("Dicabut");
  expect((await request.get("/api/v1/contacts", { headers: bearer })).status()).toBe(401);
});
