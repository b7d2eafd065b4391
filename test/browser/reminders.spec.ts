import { apiCall, expect, signIn, test } from "./fixtures.js";

test("the owner opens Pengingat and sees who would get a reminder today, with the rendered message and a suggestion, nothing sent", async ({
  page,
}) => {
  await signIn(page);
  // A lead longer than the interval makes an order completed now due today.
  await apiCall(page, "PUT", "/reminders/settings", { leadDays: 30, crossSell: true, maxSuggestions: 2 });
  const tag = Date.now();
  const kopi = {
    sku: `KOPI-PENGINGAT-${tag}`,
    name: `Kopi Pengingat ${tag}`,
    price: 85_000,
    consumptionDays: 7,
  };
  const gula = { sku: `GULA-PENGINGAT-${tag}`, name: `Gula Pengingat ${tag}`, price: 30_000 };
  await apiCall(page, "POST", "/products", kopi);
  await apiCall(page, "POST", "/products", gula);
  // Someone else bought them together: gula is what goes with kopi.
  await apiCall(page, "POST", "/orders", {
    customer: { phone: "+6281398761001", name: "Pembeli Lain" },
    lines: [
      { sku: kopi.sku, quantity: 1 },
      { sku: gula.sku, quantity: 1 },
    ],
    paymentMethod: "transfer",
  });
  const order = await apiCall<{ id: string }>(page, "POST", "/orders", {
    customer: { phone: "+6281398761002", name: "Bu Pengingat" },
    lines: [{ sku: kopi.sku, quantity: 1 }],
    paymentMethod: "transfer",
  });
  await apiCall(page, "POST", `/orders/${order.id}/status`, { status: "completed" });

  const campaigns = (await apiCall<unknown[]>(page, "GET", "/campaigns")).length;
  await page.getByRole("navigation").getByRole("link", { name: "Pengingat" }).click();
  await expect(page).toHaveURL(/\/reminders$/);
  const card = page.getByTestId("reminder-message").filter({ hasText: "Bu Pengingat" });
  await expect(card.getByTestId("reminder-text")).toContainText(`${kopi.name} yang Kakak beli`);
  await expect(card.getByTestId("reminder-suggestion")).toHaveText(`+ ${gula.name} (Rp30.000)`);
  await expect(card.getByTestId("reminder-text")).toContainText(
    `Mungkin Kakak juga suka: ${gula.name} (Rp30.000)`,
  );
  expect((await apiCall<unknown[]>(page, "GET", "/campaigns")).length).toBe(campaigns);
  await apiCall(page, "PUT", "/reminders/settings", { leadDays: 3 });
});
