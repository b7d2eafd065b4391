import { randomBytes } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
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
  phone: string;
}

/** Agent B: a second user the owner adds through POST /users. */
const AGENT_B = {
  email: `agen-${randomBytes(3).toString("hex")}@toko-contoh.test`,
  name: "Agen Sari",
  password: "agen-sari-rahasia-1",
};

/** A second browser context signed in as agent B (its own cookies and socket). */
async function signInAgentB(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({
    baseURL,
    locale: "id-ID",
    timezoneId: "Asia/Jakarta",
    viewport: { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(AGENT_B.email);
  await page.getByLabel("Kata sandi").fill(AGENT_B.password);
  await page.getByRole("button", { name: "Masuk" }).click();
  // Added by the owner with a temporary password: B chooses their own before the app opens.
  await expect(page.getByTestId("forced-password-change")).toBeVisible();
  await page.getByLabel(/^Kata sandi saat ini/).fill(AGENT_B.password);
  await page.getByLabel(/^Kata sandi baru/).fill(`${AGENT_B.password}-baru`);
  await page.getByLabel(/^Ulangi kata sandi baru/).fill(`${AGENT_B.password}-baru`);
  await page.getByRole("button", { name: "Ganti kata sandi" }).click();
  await expect(page.getByTestId("shop-name")).toHaveText("Toko Contoh");
  // An agent may not read the dashboard's figures: signing in lands them in the inbox.
  await expect(page).toHaveURL(/\/inbox$/);
  return page;
}

/** Opens the inbox through the navigation and waits for the live connection. */
async function openInbox(page: Page): Promise<void> {
  await page.getByRole("navigation").getByRole("link", { name: "Kotak masuk" }).click();
  await expect(page).toHaveURL(/\/inbox$/);
  await expect(page.getByTestId("live")).toHaveAttribute("data-connected", "true");
}

test("two agents share the inbox live: a customer writes, A replies (with a quick reply), B sees it; B’s note and A’s assignment reach the other", async ({
  page: a,
  browser,
  baseURL,
}) => {
  await signIn(a);
  await expect(a.getByTestId("shop-name")).toHaveText("Toko Contoh");
  await apiCall(a, "POST", "/users", { ...AGENT_B, role: "agent" });
  await apiCall(a, "POST", "/quick-replies", {
    shortcut: "salam-toko",
    body: "Halo {{name}}, terima kasih sudah menghubungi Toko Contoh!",
  });
  const b = await signInAgentB(browser, baseURL!);
  await openInbox(a);
  await openInbox(b);

  // A customer who has no conversation yet writes to the demo number.
  const channel = (await apiCall<Channel[]>(a, "GET", "/channels")).find(
    (c) => c.kind === "sandbox" && c.status === "connected",
  )!;
  const taken = new Set(
    (await apiCall<Conversation[]>(a, "GET", "/conversations?limit=200")).map((c) => c.phone),
  );
  const phones = (await apiCall<SandboxPhone[]>(a, "GET", "/sandbox/phones")).filter(
    (p) => p.onWhatsApp && !taken.has(p.phone),
  );
  const customer = phones[0]!;
  const question = `Kak, kaos merah ukuran L masih ada? #${randomBytes(2).toString("hex")}`;
  await apiCall(a, "POST", `/sandbox/phones/${encodeURIComponent(customer.phone)}/messages`, {
    channelId: channel.id,
    text: question,
  });

  // It appears in both lists without a reload, unread, unassigned.
  const rowOf = (page: Page, phone: string) =>
    page.locator(`[data-testid="conversation-row"][data-phone="${phone}"]`);
  const rowIn = (page: Page) => rowOf(page, customer.phone);
  for (const page of [a, b]) {
    await expect(rowIn(page)).toContainText(question);
    await expect(rowIn(page).getByTestId("unread-count")).toHaveText("1");
    await expect(rowIn(page)).toContainText("Belum ditangani");
  }

  // B opens it first and watches; A opens it: reading clears the unread count for both.
  await rowIn(b).click();
  await expect(b.getByTestId("message-in").filter({ hasText: question })).toBeVisible();
  await rowIn(a).click();
  await expect(a.getByTestId("thread-name")).toHaveText(customer.name);
  await expect(rowIn(a).getByTestId("unread-count")).toHaveCount(0);

  // A answers with the "/" quick reply: the server fills in the customer's name.
  const composer = a.getByTestId("composer-input");
  await composer.fill("/salam");
  await expect(a.getByTestId("quick-reply-option")).toHaveText([/\/salam-toko/]);
  await composer.press("Enter");
  const reply = `Halo ${customer.name}, terima kasih sudah menghubungi Toko Contoh!`;
  await expect(composer).toHaveValue(reply);
  await composer.press("Enter");
  await expect(composer).toHaveValue("");

  // B sees A's reply in the open thread, live; A sees its ticks move past "pending".
  await expect(b.getByTestId("message-out").filter({ hasText: reply })).toBeVisible();
  await expect(a.getByTestId("message-out").filter({ hasText: reply }).getByTestId("ticks")).toHaveAttribute(
    "data-status",
    /^(sent|delivered|read)$/,
  );

  // B writes an internal note; it appears in A's contact panel.
  await b.getByTestId("note-input").fill("Stok L tinggal 2, tolong cek gudang dulu");
  await b.getByTestId("note-add").click();
  await expect(a.getByTestId("note")).toHaveText([/Stok L tinggal 2, tolong cek gudang dulu.*Agen Sari/]);

  // A hands the conversation to B: it shows under B's "Saya" filter at once.
  await a.getByTestId("assign-select").click();
  await a.getByRole("option", { name: /Agen Sari/ }).click();
  await b.getByTestId("conversation-column").getByText("Saya", { exact: true }).click();
  await expect(rowIn(b)).toContainText("Agen Sari");

  await expect(a.getByTestId("contact-panel")).toBeVisible();
  await screenshot(a, "06-inbox");

  // B goes online; A's agent picker shows it without a reload.
  await b.getByTestId("presence-switch").click();
  await expect(b.getByText("Siap menerima", { exact: true })).toBeVisible();
  await a.getByTestId("assign-select").click();
  await expect(a.getByRole("option", { name: "Agen Sari", exact: true })).toBeVisible();
  await a.keyboard.press("Escape");

  // A resolves a conversation B holds: it leaves B's open list live; reopened, it comes back to
  // B (online, so it stays theirs). It is a second customer's, to whom nothing was sent: the
  // first one may still answer A's reply, and a customer's message reopens a conversation.
  const quiet = phones[1]!;
  await apiCall(a, "POST", `/sandbox/phones/${encodeURIComponent(quiet.phone)}/messages`, {
    channelId: channel.id,
    text: "Jam berapa toko buka besok?",
  });
  await a.getByTestId("conversation-column").getByText("Semua", { exact: true }).click();
  await rowOf(a, quiet.phone).click();
  await expect(a.getByTestId("thread-name")).toHaveText(quiet.name);
  await a.getByTestId("assign-select").click();
  await a.getByRole("option", { name: /Agen Sari/ }).click();
  await expect(rowOf(b, quiet.phone)).toContainText("Agen Sari");
  await a.getByTestId("resolve").click();
  await expect(rowOf(b, quiet.phone)).toHaveCount(0);
  await a.getByTestId("reopen").click();
  await expect(rowOf(b, quiet.phone)).toContainText("Agen Sari");

  // At 768 px the contact panel folds away behind a button; list and thread stay side by side.
  await a.setViewportSize({ width: 768, height: 900 });
  await expect(a.getByTestId("contact-column")).toBeHidden();
  await expect(a.getByTestId("conversation-list")).toBeVisible();
  await expect(a.getByTestId("composer-input")).toBeVisible();
  await screenshot(a, "06-inbox-768");
  // B goes offline before leaving, so no later test finds an agent taking its customers.
  await apiCall(b, "PUT", "/agents/me/presence", { online: false });
  await b.context().close();
});

test("a photo sent in a thread shows as a picture, with a link that downloads it under its name", async ({
  page,
}) => {
  await signIn(page);
  const channel = (await apiCall<Channel[]>(page, "GET", "/channels")).find(
    (c) => c.kind === "sandbox" && c.status === "connected",
  )!;
  const taken = new Set(
    (await apiCall<Conversation[]>(page, "GET", "/conversations?limit=200")).map((c) => c.phone),
  );
  const customer = (await apiCall<SandboxPhone[]>(page, "GET", "/sandbox/phones")).find(
    (p) => p.onWhatsApp && !taken.has(p.phone),
  )!;
  await apiCall(page, "POST", `/sandbox/phones/${encodeURIComponent(customer.phone)}/messages`, {
    channelId: channel.id,
    text: "Boleh lihat fotonya kak?",
  });
  await openInbox(page);
  await page.locator(`[data-testid="conversation-row"][data-phone="${customer.phone}"]`).click();
  await expect(page.getByTestId("thread-name")).toHaveText(customer.name);

  // A real 1×1 PNG, attached with the paperclip and sent with a caption.
  const png = Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
    "base64",
  );
  await page
    .getByTestId("composer-file")
    .setInputFiles({ name: "kaos-merah.png", mimeType: "image/png", buffer: png });
  await expect(page.getByTestId("composer-attachment")).toContainText("kaos-merah.png");
  await page.getByTestId("composer-input").fill("Ini kaos merahnya kak");
  await expect(page.getByTestId("composer-send")).toBeEnabled();
  await page.getByTestId("composer-send").click();

  // The thread shows the picture itself (loaded from Kabar), not "📎 Media".
  const sent = page.getByTestId("message-out").filter({ hasText: "Ini kaos merahnya kak" });
  const picture = sent.getByTestId("media-thumbnail");
  await expect(picture).toBeVisible();
  await expect
    .poll(() => picture.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth))
    .toBe(1);
  await expect(sent).not.toContainText("📎");
  const href = await sent.getByTestId("media-download").getAttribute("href");
  expect(href).toMatch(/^\/api\/v1\/conversations\/[0-9a-f-]{36}\/messages\/[0-9a-f-]{36}\/media$/);
  const file = await page.request.get(href!);
  expect(file.headers()["content-type"]).toBe("image/png");
  expect(file.headers()["content-disposition"]).toContain('filename="kaos-merah.png"');
  expect(Buffer.compare(await file.body(), png)).toBe(0);
});
