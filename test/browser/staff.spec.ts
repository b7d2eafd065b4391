import type { Page } from "@playwright/test";
import { expect, screenshot, signIn, test } from "./fixtures.js";

const STAFF = { name: "Budi Gudang", email: "budi.gudang@toko-contoh.test", password: "gudang-aman-456" };

/** Signs in through the form with `email` and `password` (no wait: what opens depends on the account). */
async function signInAs(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Kata sandi").fill(password);
  await page.getByRole("button", { name: "Masuk" }).click();
}

/** Signs out through the user menu and waits for the sign-in page. */
async function signOut(page: Page): Promise<void> {
  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "Keluar", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

test("the owner makes a role with only the orders, adds a staff member with it, who must change the temporary password and then sees only the orders; the owner deactivates them", async ({
  page,
}) => {
  await signIn(page);
  await page.getByRole("navigation").getByRole("link", { name: "Staf" }).click();
  await expect(page.getByTestId("staff-table")).toBeVisible();

  // A custom role "Gudang": the orders, and the products the orders page filters by.
  await page.getByTestId("staff-roles-link").click();
  await expect(page).toHaveURL(/\/staff\/roles$/);
  await page.getByTestId("role-create").click();
  await page.getByTestId("role-name").fill("Gudang");
  await expect(page.getByTestId("permission-group-orders")).toContainText("Pesanan");
  await page.getByTestId("permission-orders.read").check();
  await page.getByTestId("permission-products.read").check();
  await screenshot(page, "role-editor");
  await page.getByTestId("role-save").click();
  const role = page.locator('[data-testid="role-card"][data-role="Gudang"]');
  await expect(role).toContainText("Lihat pesanan");
  await expect(role).toContainText("Izin: 2");

  // The staff member, with the temporary password shown once.
  await page.getByRole("link", { name: "Kembali ke staf" }).click();
  await page.getByTestId("staff-add").click();
  await page.getByTestId("staff-name").fill(STAFF.name);
  await page.getByTestId("staff-email").fill(STAFF.email);
  await page.getByRole("textbox", { name: "Peran" }).click();
  await page.getByRole("option", { name: "Gudang" }).click();
  await page.getByTestId("add-staff-submit").click();
  await expect(page.getByTestId("temporary-password-once")).toContainText("tidak akan ditampilkan lagi");
  const temporary = (await page.getByTestId("temporary-password-value").textContent())?.trim() ?? "";
  expect(temporary.length).toBeGreaterThanOrEqual(8);
  await page.getByTestId("temporary-password-done").click();
  const row = page.locator(`[data-testid="staff-row"][data-email="${STAFF.email}"]`);
  await expect(row.getByTestId("staff-role-name")).toHaveText("Gudang");
  await expect(row.getByTestId("staff-must-change")).toBeVisible();
  await screenshot(page, "staff");
  await signOut(page);

  // The new user must make their own password before anything else opens.
  await signInAs(page, STAFF.email, temporary);
  const forced = page.getByTestId("forced-password-change");
  await expect(forced).toBeVisible();
  await forced.getByRole("textbox", { name: "Kata sandi saat ini" }).fill(temporary);
  await forced.getByRole("textbox", { name: "Kata sandi baru", exact: true }).fill(STAFF.password);
  await forced.getByRole("textbox", { name: "Ulangi kata sandi baru" }).fill(STAFF.password);
  await forced.getByTestId("change-password-submit").click();

  // Only the orders (and the products the role reads for them): no campaigns, contacts,
  // settings or staff in the menu, and the start page is the orders page, which loads.
  await expect(page).toHaveURL(/\/orders$/);
  await expect(page.getByRole("navigation").getByRole("link")).toHaveText(["Pesanan", "Produk"]);
  await expect(page.getByTestId("order-table").or(page.getByTestId("empty"))).toBeVisible();
  await expect(page.getByText("Gagal memuat data")).toHaveCount(0);
  await screenshot(page, "staff-orders-only");
  await signOut(page);

  // The owner deactivates them: asked first, then shown as deactivated.
  await signIn(page);
  await page.getByRole("navigation").getByRole("link", { name: "Staf" }).click();
  await expect(row.getByTestId("staff-must-change")).toHaveCount(0);
  await row.getByTestId("staff-deactivate").click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("kembali ke antrean");
  await dialog.getByRole("button", { name: "Nonaktifkan" }).click();
  await expect(row.getByTestId("staff-status")).toHaveText("Nonaktif");
  await signOut(page);
  await signInAs(page, STAFF.email, STAFF.password);
  await expect(page.getByTestId("sign-in-error")).toBeVisible();
});
