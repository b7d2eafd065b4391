import { randomBytes } from "node:crypto";
import { apiCall, expect, screenshot, signIn, test } from "./fixtures.js";

interface Channel {
  id: string;
  kind: string;
  status: string;
}
interface SandboxPhone {
  phone: string;
  name: string;
  onWhatsApp: boolean;
}
interface Conversation {
  id: string;
  phone: string;
}

test("a manual order from an inbox conversation: made with a catalogue product, listed, confirmed, paid and shipped with a tracking number, its history shown", async ({
  page,
}) => {
  await signIn(page);
  const tag = randomBytes(2).toString("hex").toUpperCase();
  const product = await apiCall<{ id: string; name: string }>(page, "POST", "/products", {
    sku: `KOPI-${tag}`,
    name: `Kopi Gayo ${tag}`,
    price: 75000,
  });

  // A demo customer writes to the demo number: their conversation is in the inbox.
  const channel = (await apiCall<Channel[]>(page, "GET", "/channels")).find(
    (c) => c.kind === "sandbox" && c.status === "connected",
  )!;
  const customer = (await apiCall<SandboxPhone[]>(page, "GET", "/sandbox/phones")).find((p) => p.onWhatsApp)!;
  await apiCall(page, "POST", `/sandbox/phones/${encodeURIComponent(customer.phone)}/messages`, {
    channelId: channel.id,
    text: `Kak, pesan kopi 2 ya #${tag}`,
  });
  let conversation: Conversation | undefined;
  await expect
    .poll(async () => {
      const list = await apiCall<Conversation[]>(page, "GET", "/conversations?limit=200");
      conversation = list.find((c) => c.phone === customer.phone);
      return conversation !== undefined;
    })
    .toBe(true);

  // From the conversation: "Buat pesanan" opens the form with the customer filled.
  await page.goto(`/inbox/${conversation!.id}`);
  await expect(page.getByTestId("thread-name")).toBeVisible();
  await page.getByTestId("create-order").click();
  await expect(page).toHaveURL(/\/orders\/new\?/);
  await expect(page.getByTestId("order-customer")).toContainText(customer.name);
  await page.getByRole("textbox", { name: "Tambah produk" }).fill(product.name);
  await page.getByRole("option", { name: new RegExp(product.name) }).click();
  await page.getByTestId("line-quantity").fill("2");
  await page.getByTestId("order-shipping").fill("10000");
  await expect(page.getByTestId("order-grand-total")).toHaveText("Rp160.000");
  await page.getByTestId("save-order").click();

  // The order's page: a number, "Baru", the amounts.
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
  const number = (await page.getByTestId("order-number").textContent())!;
  expect(number).toMatch(/^INV\/\d{4}\/\d{2}\/\d{4}$/);
  await expect(page.getByTestId("order-page-status")).toHaveText("Baru");
  await expect(page.getByTestId("order-total")).toHaveText("Rp160.000");
  const orderUrl = page.url();

  // It is in the list.
  await page.getByRole("navigation").getByRole("link", { name: "Pesanan" }).click();
  const row = page.getByTestId("order-row").filter({ hasText: number });
  await expect(row).toContainText("Rp160.000");
  await expect(row).toContainText(customer.name);
  await screenshot(page, "orders-list");

  // Confirmed → paid → (packed, when the flow asks it) → shipped with courier and tracking number.
  await page.goto(orderUrl);
  await page.getByTestId("move-confirmed").click();
  await expect(page.getByTestId("order-page-status")).toHaveText("Dikonfirmasi");
  await page.getByTestId("move-paid").click();
  await expect(page.getByTestId("order-page-status")).toHaveText("Dibayar");
  if ((await page.getByTestId("move-shipped").count()) === 0) {
    await page.getByTestId("move-packed").click();
    await expect(page.getByTestId("order-page-status")).toHaveText("Dikemas");
  }
  await page.getByTestId("move-shipped").click();
  await page.getByTestId("move-submit").click();
  await expect(page.getByText("Isi nama kurir")).toBeVisible();
  await page.getByTestId("ship-courier").fill("JNE");
  await page.getByTestId("ship-tracking").fill(`JNE${tag}01`);
  await page.getByTestId("move-submit").click();
  await expect(page.getByTestId("order-page-status")).toHaveText("Dikirim");
  await expect(page.getByTestId("order-courier")).toHaveText("JNE");
  await expect(page.getByTestId("order-tracking")).toHaveText(`JNE${tag}01`);

  // The history: created, then each move, in order.
  const history = page.getByTestId("history-item");
  await expect(history.first()).toContainText("Pesanan dibuat");
  await expect(history.filter({ hasText: "Status diubah" }).last()).toContainText("Dikirim");
  await expect(history.filter({ hasText: "Status diubah" }).first()).toContainText("Dikonfirmasi");
  await screenshot(page, "order-shipped");

  // The customer's contact panel in the inbox lists it.
  await page.goto(`/inbox/${conversation!.id}`);
  await expect(page.getByTestId("customer-orders").first()).toContainText(number);
});
