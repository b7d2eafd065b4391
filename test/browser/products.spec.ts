import { expect, signIn, test } from "./fixtures.js";

test("an owner adds a product and sees it listed with its price in rupiah", async ({ page }) => {
  await signIn(page);
  await page.getByRole("navigation").getByRole("link", { name: "Produk" }).click();
  await expect(page).toHaveURL(/\/products$/);
  await page.getByTestId("product-add").click();

  await page.getByTestId("product-sku").fill("PW-KOPI-250");
  await page.getByTestId("product-name").fill("Kopi Toraja 250 g");
  await page.getByTestId("product-price").fill("85000");
  await page.getByTestId("product-category").fill("Kopi");
  await page.getByTestId("product-interval").fill("14");
  await page.getByTestId("product-save").click();

  await page.getByTestId("product-search").fill("PW-KOPI");
  const row = page.getByTestId("product-row").filter({ hasText: "PW-KOPI-250" });
  await expect(row).toContainText("Kopi Toraja 250 g");
  await expect(row).toContainText("Rp85.000");
  await expect(row).toContainText("14 hari");
});

test("an import with one bad row keeps the good ones and shows the bad line", async ({ page }) => {
  await signIn(page);
  await page.goto("/products");
  await page.getByTestId("products-import").click();
  const csv = ["SKU,Nama,Harga,Kategori", "PW-TEH,Teh Melati,Rp15.000,Teh", "PW-RUSAK,Rusak,murah,Teh"].join(
    "\n",
  );
  await page
    .getByRole("dialog")
    .locator("input[type=file]")
    .setInputFiles({ name: "produk.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });

  const result = page.getByTestId("products-import-result");
  await expect(result).toContainText("1 ditambahkan, 0 diperbarui, 1 ditolak");
  const bad = page.getByTestId("products-import-errors").getByRole("row").filter({ hasText: "murah" });
  await expect(bad).toContainText("3");
  await expect(bad).toContainText("price");
  await page.getByRole("dialog").getByRole("button", { name: "Tutup" }).click();

  await page.getByTestId("product-search").fill("PW-");
  await expect(page.getByTestId("product-row").filter({ hasText: "PW-TEH" })).toContainText("Rp15.000");
  await expect(page.getByTestId("product-row").filter({ hasText: "PW-RUSAK" })).toHaveCount(0);
});
