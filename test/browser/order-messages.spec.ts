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

test("a product added on its page, ordered by hand from the inbox: the thank-you reaches the sandbox phone and shows on the order page", async ({
  page,
}) => {
  await signIn(page);
  const tag = randomBytes(2).toString("hex").toUpperCase();
  // The shop adds the product on the products page.
  const product = { name: `Gula Aren ${tag}` };
  await page.getByRole("navigation").getByRole("link", { name: "Produk" }).click();
  await expect(page).toHaveURL(/\/products$/);
  await page.getByTestId("product-add").click();
  await page.getByTestId("product-sku").fill(`GULA-${tag}`);
  await page.getByTestId("product-name").fill(product.name);
  await page.getByTestId("product-price").fill("30000");
  await page.getByTestId("product-interval").fill("30");
  await page.getByTestId("product-save").click();
  await page.getByTestId("product-search").fill(`GULA-${tag}`);
  await expect(page.getByTestId("product-row").filter({ hasText: `GULA-${tag}` })).toContainText("Rp30.000");

  // The order-messages settings: the thank-you is on, and its preview fills a sample order.
  await page.goto("/settings");
  await page.getByTestId("settings-order-messages").click();
  await expect(page).toHaveURL(/\/settings\/order-messages$/);
  await expect(page.getByTestId("order-message-created-enabled")).toBeChecked();
  await page.getByTestId("order-message-created-preview").click();
  await expect(page.getByTestId("order-message-created-sample")).toContainText("INV/2026/12/0001");
  await expect(page.getByTestId("order-message-created-sample")).toContainText("Rp150.000");
  await screenshot(page, "order-messages-settings");

  // A demo customer writes to the demo number: their conversation is in the inbox.
  const channel = (await apiCall<Channel[]>(page, "GET", "/channels")).find(
    (c) => c.kind === "sandbox" && c.status === "connected",
  )!;
  const customer = (await apiCall<SandboxPhone[]>(page, "GET", "/sandbox/phones")).filter(
    (p) => p.onWhatsApp,
  )[1]!;
  await apiCall(page, "POST", `/sandbox/phones/${encodeURIComponent(customer.phone)}/messages`, {
    channelId: channel.id,
    text: `Kak, pesan gula aren #${tag}`,
  });
  let conversation: Conversation | undefined;
  await expect
    .poll(async () => {
      const list = await apiCall<Conversation[]>(page, "GET", "/conversations?limit=200");
      conversation = list.find((c) => c.phone === customer.phone);
      return conversation !== undefined;
    })
    .toBe(true);

  // "Buat pesanan" from the conversation, paid by transfer.
  await page.goto(`/inbox/${conversation!.id}`);
  await expect(page.getByTestId("thread-name")).toBeVisible();
  await page.getByTestId("create-order").click();
  await expect(page).toHaveURL(/\/orders\/new\?/);
  await page.getByRole("textbox", { name: "Tambah produk" }).fill(product.name);
  await page.getByRole("option", { name: new RegExp(product.name) }).click();
  await page.getByTestId("line-quantity").fill("3");
  await page.getByTestId("save-order").click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
  const number = (await page.getByTestId("order-number").textContent())!;

  // The order page shows the thank-you sent.
  const sent = page.getByTestId("order-message").filter({ hasText: "Terima kasih (pesanan baru)" });
  await expect(sent).toContainText("Terkirim");
  await screenshot(page, "order-thank-you");

  // The customer's phone received it, with the order's number, items and total.
  await expect
    .poll(async () => {
      const all = await apiCall<Array<{ direction: string; text?: string }>>(
        page,
        "GET",
        `/sandbox/phones/${encodeURIComponent(customer.phone)}/messages`,
      );
      return all.filter((m) => m.direction === "in").some((m) => m.text?.includes(number));
    })
    .toBe(true);
  const texts = await apiCall<Array<{ direction: string; text?: string }>>(
    page,
    "GET",
    `/sandbox/phones/${encodeURIComponent(customer.phone)}/messages`,
  );
  expect(texts.find((m) => m.direction === "in" && m.text?.includes(number))?.text).toContain(
    `3× ${product.name}`,
  );

  // And the inbox thread shows it as the shop's message.
  await page.goto(`/inbox/${conversation!.id}`);
  // In the thread (the conversation list's preview may show the same message).
  await expect(
    page.getByTestId("thread").getByText(new RegExp(`Pesanan ${number.replaceAll("/", "\\/")}`)),
  ).toBeVisible();
});
