import { readFileSync } from "node:fs";
import { apiCall, expect, screenshot, signIn, test } from "./fixtures.js";

test("the owner opens Laporan, picks March 2025 and sees its revenue and top product, readable at 768 px, and downloads the products report", async ({
  page,
}) => {
  await signIn(page);
  // Orders made through the API in a month no other spec touches: Rp250.000 + Rp1.000.000.
  const sku = `LAPORAN-${Date.now()}`;
  await apiCall(page, "POST", "/products", { sku, name: "Kopi Laporan", price: 125_000 });
  for (const [quantity, placedAt] of [
    [2, "2025-03-10T03:00:00Z"],
    [8, "2025-03-12T16:30:00Z"], // 23:30 WIB on 12 March
  ] as const) {
    await apiCall(page, "POST", "/orders", {
      customer: { phone: "+6281398769001", name: "Pelanggan Laporan" },
      lines: [{ sku, quantity }],
      paymentMethod: "transfer",
      province: "32",
      city: "Bandung",
      placedAt,
    });
  }

  await page.getByRole("navigation").getByRole("link", { name: "Laporan" }).click();
  await expect(page).toHaveURL(/\/reports$/);
  await page.getByText("Pilih tanggal").click();
  await page.getByTestId("report-from").fill("2025-03-01");
  await page.getByTestId("report-to").fill("2025-03-31");
  await expect(page.getByTestId("report-revenue")).toHaveText("Rp1.250.000");
  await expect(page.getByTestId("report-orders")).toHaveText("2");
  await expect(page.getByTestId("top-products")).toContainText("Kopi Laporan");
  await expect(page.getByTestId("top-customers")).toContainText("Pelanggan Laporan");
  await expect(page.getByTestId("cities")).toContainText("Bandung");
  await expect(page.getByTestId("revenue-chart")).toBeVisible();

  await page.setViewportSize({ width: 768, height: 1024 });
  await expect(page.getByTestId("report-revenue")).toBeVisible();
  // Nothing wider than the screen: the page does not scroll sideways.
  const overflow = await page.evaluate<number>("document.documentElement.scrollWidth - window.innerWidth");
  expect(overflow).toBeLessThanOrEqual(0);
  await screenshot(page, "reports-768");

  await page.getByTestId("report-export").click();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("export-products-csv").click(),
  ]);
  expect(download.suggestedFilename()).toBe("laporan-produk-2025-03-01-2025-03-31.csv");
  const lines = readFileSync((await download.path())!, "utf8")
    .replace(/^\ufeff/, "")
    .split("\r\n");
  expect(lines[0]).toBe("Produk,SKU,Jumlah,Omzet");
  expect(lines[1]).toBe(`Kopi Laporan,${sku},10,1250000`);
});
