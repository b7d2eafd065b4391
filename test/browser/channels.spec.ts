import type { Page } from "@playwright/test";
import { apiCall, expect, screenshot, signIn, test } from "./fixtures.js";

interface Channel {
  id: string;
  name: string;
  status: string;
  pacingPreset: string;
  pacing: { perDay: number; minDelayMs: number };
}

/** Starts recording, in the page, every QR code it shows (`data-qr` of the QR box), however briefly. */
async function recordQrs(page: Page): Promise<void> {
  // A script string: it runs in the browser, whose DOM types the test project does not load.
  await page.evaluate(`(() => {
    const seen = new Set();
    window.kabarQrs = seen;
    const note = () => document.querySelectorAll('[data-testid="channel-qr"]').forEach((el) => seen.add(el.getAttribute('data-qr')));
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-qr'] });
  })()`);
}

/** The QR codes the page has shown since `recordQrs`. */
const qrsSeen = (page: Page) =>
  page.evaluate(() => [...(globalThis as unknown as { kabarQrs: Set<string> }).kabarQrs]);

/**
 * Once the page has shown a QR and then a newer one (they change live), scans the one
 * shown with the sandbox's simulated phone. The browser server's sandbox clock is fast (a
 * QR lasts 0.4 s, five of them 2 s): when the codes run out first, the page offers a new
 * QR, as it would to a slow owner, and we go again.
 */
async function scanShownQr(page: Page): Promise<void> {
  const qr = page.getByTestId("channel-qr");
  const restart = page.getByTestId("link-start");
  for (let attempt = 1; attempt <= 5; attempt++) {
    await expect(qr.or(restart)).toBeVisible();
    if (await restart.isVisible()) {
      await restart.click();
      continue;
    }
    const rotated = await page
      .waitForFunction(() => (globalThis as unknown as { kabarQrs: Set<string> }).kabarQrs.size >= 2, null, {
        timeout: 5_000,
      })
      .then(
        () => true,
        () => false,
      );
    if (!rotated) continue;
    const answer = page
      .waitForResponse((r) => /\/api\/v1\/sandbox\/channels\/[0-9a-f-]+\/scan$/.test(r.url()), {
        timeout: 10_000,
      })
      .then((r) => r.json() as Promise<{ scanned: boolean }>)
      .catch(() => ({ scanned: false }));
    const clicked = await page
      .getByTestId("simulate-scan")
      .click({ timeout: 2_000 })
      .then(
        () => true,
        () => false,
      ); // gone: the codes ran out first
    if (clicked && (await answer).scanned) return;
  }
  throw new Error("the QR was never scanned");
}

test("a sandbox number: added, its QR shows and changes live, a simulated scan connects it without a reload", async ({
  page,
}) => {
  await signIn(page);
  await expect(page.getByTestId("live")).toHaveAttribute("data-connected", "true");
  await page.getByRole("navigation").getByRole("link", { name: "Nomor WhatsApp" }).click();
  await expect(page.getByTestId("channels-table")).toContainText("Tersambung"); // the demo number
  await screenshot(page, "11-channels");

  // No page load from here on: a marker on window survives only without one.
  await page.evaluate(() => ((globalThis as unknown as { kabarMarker: number }).kabarMarker = 42));

  await page.getByTestId("add-channel").click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByText("Nomor simulasi untuk mencoba Kabar")).toBeVisible();
  // No name: the server's field error shows on the field.
  await dialog.getByTestId("channel-create").click();
  await expect(dialog.getByLabel("Nama")).toHaveAttribute("aria-invalid", "true");
  await dialog.getByLabel("Nama").fill("Cabang Bandung");
  await recordQrs(page);
  await dialog.getByTestId("channel-create").click();

  // The new number's page: its QR comes by Socket.IO (there is no endpoint to fetch it) and is replaced by the next.
  await expect(page).toHaveURL(/\/channels\/[0-9a-f-]{36}$/);
  const channelId = new URL(page.url()).pathname.split("/").pop()!;
  await expect(page.getByTestId("channel-qr").or(page.getByTestId("link-start"))).toBeVisible();
  await screenshot(page, "12-channel-qr");
  await scanShownQr(page);
  const qrs = await qrsSeen(page);
  expect(qrs.length).toBeGreaterThanOrEqual(2);
  for (const code of qrs) expect(code).toMatch(new RegExp(`^kabar-sandbox:${channelId}:\\d+$`));
  await expect(page.getByTestId("channel-status")).toHaveAttribute("data-status", "connected");
  await expect(page.getByTestId("channel-status")).toHaveText("Tersambung");
  await expect(page.getByTestId("link-panel")).toHaveCount(0);
  await expect(page.getByTestId("health-status")).toHaveAttribute("data-status", "connected");
  expect(await page.evaluate(() => (globalThis as unknown as { kabarMarker?: number }).kabarMarker)).toBe(42);
  expect((await apiCall<Channel>(page, "GET", `/channels/${channelId}`)).status).toBe("connected");
  await screenshot(page, "13-channel-connected");

  // Logging out asks first, then the number needs a new QR: shown live too.
  await page.getByTestId("channel-logout").click();
  await page.getByRole("dialog").getByRole("button", { name: "Lepas tautan nomor" }).click();
  await expect(page.getByTestId("channel-status")).toHaveAttribute("data-status", "logged_out");
  await expect(page.getByTestId("link-start")).toBeVisible();
  expect(await page.evaluate(() => (globalThis as unknown as { kabarMarker?: number }).kabarMarker)).toBe(42);
});

test("pacing: a preset explained and chosen, then a custom daily cap, both saved", async ({ page }) => {
  await signIn(page);
  await expect(page.getByTestId("shop-name")).toHaveText("Toko Contoh");
  const channel = await apiCall<Channel>(page, "POST", "/channels", {
    name: "Nomor Tes Kecepatan",
    kind: "sandbox",
  });
  await page.goto(`/channels/${channel.id}`);
  await expect(page.getByTestId("pacing-current")).toHaveText("Demo (cepat, sandbox)");
  const editor = page.getByTestId("pacing-editor");
  await expect(editor.getByText("selang antarpesan 8–20 detik")).toBeVisible(); // Safe, explained
  await expect(page.getByTestId("pacing-save")).toBeDisabled();

  await editor.getByLabel("Seimbang").check();
  await expect(editor.getByLabel("Selang antarpesan maksimum")).toHaveValue("8 detik");
  await page.getByTestId("pacing-save").click();
  await expect(page.getByTestId("pacing-current")).toHaveText("Seimbang");
  await expect
    .poll(async () => (await apiCall<Channel>(page, "GET", `/channels/${channel.id}`)).pacingPreset)
    .toBe("balanced");

  // A mistake is caught before saving.
  await editor.getByLabel("Selang antarpesan minimum").fill("30");
  await expect(editor.getByText("Harus sama atau lebih besar dari minimum")).toBeVisible();
  await expect(page.getByTestId("pacing-save")).toBeDisabled();
  await editor.getByLabel("Selang antarpesan minimum").fill("3");

  // One number changed by hand: the policy becomes custom.
  await editor.getByLabel("Maks. per hari").fill("500");
  await expect(editor.getByLabel("Kustom")).toBeChecked();
  await screenshot(page, "14-channel-pacing");
  await page.getByTestId("pacing-save").click();
  await expect(page.getByTestId("pacing-current")).toHaveText("Kustom");
  const saved = await apiCall<Channel>(page, "GET", `/channels/${channel.id}`);
  expect(saved.pacingPreset).toBe("custom");
  expect(saved.pacing.perDay).toBe(500);
  expect(saved.pacing.minDelayMs).toBe(3000);
  await expect(page.getByTestId("health-day")).toContainText("dari 500");

  // The page at 768 px (a tablet): panels stack, nothing is cut off.
  await page.setViewportSize({ width: 768, height: 1024 });
  await expect(page.getByTestId("health-panel")).toBeVisible();
  await screenshot(page, "14-channel-768");
  await page.getByRole("button", { name: "Buka menu" }).click();
  await page.getByRole("navigation").getByRole("link", { name: "Nomor WhatsApp" }).click();
  await expect(page.getByTestId("channels-table")).toContainText("Nomor Tes Kecepatan");
  await screenshot(page, "11-channels-768");
});
