/**
 * SaaS mode end to end (issue 14), against a Kabar of its own started with KABAR_MODE=saas
 * (the suite's shared Kabar stays a single shop): a shop signs up, gets the trial, runs out
 * of message units in a campaign, tops up through the fake Midtrans page, and the campaign
 * resumes by itself; the platform admin sees the shop in the console.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { defaultPhone } from "../../src/channels/sandbox/behaviour.js";
import { freePort, type ServerProcess, startServerProcess } from "../support/server.js";
import { freshDatabase } from "./global-setup.js";

/** The sandbox's seed (KABAR_SANDBOX_SEED, set below): it decides who a made-up number is. */
const SANDBOX_SEED = "kabar-saas";
const ADMIN = { email: "admin@platform.test", password: "rahasia-platform-1" };
let server: ServerProcess;
let base: string;
let stopAll: () => Promise<void>;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const dataDir = mkdtempSync(join(tmpdir(), "kabar-saas-"));
  const db = await freshDatabase();
  server = await startServerProcess({
    HOST: "127.0.0.1",
    KABAR_MODE: "saas",
    KABAR_DATA_DIR: dataDir,
    KABAR_PG_PORT: String(await freePort()),
    // A platform with no demo shop: only the shop that signs up.
    KABAR_SEED_DEMO: "false",
    KABAR_PLATFORM_ADMIN_EMAIL: ADMIN.email,
    KABAR_PLATFORM_ADMIN_PASSWORD: ADMIN.password,
    KABAR_SANDBOX_SEED: SANDBOX_SEED,
    KABAR_SANDBOX_TIME_SCALE: "0.02",
    KABAR_SIGN_IN_PER_MINUTE: "1000",
    ...(db ? { DATABASE_URL: db.url, KABAR_SECRET_KEY: "b".repeat(64) } : { DATABASE_URL: "" }),
  });
  base = `http://127.0.0.1:${server.port}`;
  stopAll = async () => {
    server.child.kill("SIGTERM");
    await Promise.race([server.exited, new Promise((r) => setTimeout(r, 20_000))]);
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
});
test.afterAll(async () => {
  await stopAll?.();
});

/** Calls the SaaS Kabar's API with the page's cookies (same-origin header for writes). */
async function call<T>(
  page: Page,
  method: "GET" | "POST" | "PATCH",
  path: string,
  data?: unknown,
): Promise<T> {
  const r = await page.request.fetch(`${base}/api/v1${path}`, {
    method,
    data,
    headers: method === "GET" ? {} : { origin: base },
  });
  expect(r.status(), await r.text()).toBeLessThan(300);
  return (await r.json()) as T;
}

/** Links a new sandbox number: scans its QR with the sandbox's phone until it is connected. */
async function connectSandbox(page: Page, id: string): Promise<void> {
  await expect
    .poll(
      async () => {
        const { status } = await call<{ status: string }>(page, "GET", `/channels/${id}`);
        if (status === "qr") await call(page, "POST", `/sandbox/channels/${id}/scan`);
        else if (status !== "connected" && status !== "connecting")
          await call(page, "POST", `/channels/${id}/connect`);
        return status;
      },
      { timeout: 30_000 },
    )
    .toBe("connected");
}

test("sign up → trial → the campaign runs out of message units → top-up paid on the fake Midtrans page → the campaign resumes and completes", async ({
  page,
}) => {
  // The platform admin makes the trial small: two messages.
  await call(page, "POST", "/platform/auth/sign-in", ADMIN);
  const { packages } = await call<{ packages: Array<{ id: string; code: string }> }>(
    page,
    "GET",
    "/platform/packages",
  );
  const trial = packages.find((p) => p.code === "trial")!;
  await call(page, "PATCH", `/platform/packages/${trial.id}`, { messageQuota: 2 });

  // Sign-up: the shop, its owner and the trial, then straight into the app.
  await page.goto(`${base}/signup`);
  await expect(page.getByText("Uji coba gratis 14 hari, 2 pesan.")).toBeVisible();
  await page.getByLabel("Nama toko").fill("Kopi Senja");
  await page.getByLabel("Nama pemilik").fill("Sari Wulandari");
  await page.getByLabel("E-mail").fill("sari@kopisenja.test");
  await page.getByLabel("Nomor WhatsApp").fill("0812-3456-7890");
  await page.getByLabel("Kata sandi").fill("kopi-senja-2026");
  await page.getByRole("button", { name: "Daftar" }).click();
  await expect(page.getByTestId("shop-name")).toHaveText("Kopi Senja");

  // A sandbox number and three customers: numbers the sandbox has never seen, chosen among
  // those its seed puts on WhatsApp (one in twenty is not, which would skip a recipient).
  const channel = await call<{ id: string }>(page, "POST", "/channels", { name: "Kasir", kind: "sandbox" });
  await connectSandbox(page, channel.id);
  await call(page, "PATCH", `/channels/${channel.id}`, { pacingPreset: "off" });
  const phones = Array.from({ length: 20 }, (_, i) => `+6281311110${String(i).padStart(3, "0")}`)
    .filter((p) => defaultPhone(SANDBOX_SEED, p).onWhatsApp)
    .slice(0, 3);
  for (const [i, phone] of phones.entries())
    await call(page, "POST", "/contacts", { phone, name: `Pelanggan ${i + 1}` });
  const campaign = await call<{ id: string }>(page, "POST", "/campaigns", {
    name: "Promo Kopi Baru",
    channelId: channel.id,
    body: "Halo {{name}}, kopi baru sudah datang!",
    audience: { type: "all" },
  });

  // Start: three recipients, two units left — the dialog offers the first two.
  await page.goto(`${base}/campaigns/${campaign.id}`);
  await page.getByRole("button", { name: "Mulai kirim" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Mulai kirim" }).click();
  const dialog = page.getByTestId("quota-dialog");
  await expect(dialog).toContainText("Kampanye ini butuh 3 pesan, sisa 2.");
  await dialog.getByRole("button", { name: "Kirim 2 pertama" }).click();

  // Two sent, then the campaign pauses: Kuota habis, with the top-up link.
  await expect(page.getByTestId("quota-exhausted")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("status-reason")).toContainText("Kuota habis");
  await page.getByTestId("quota-exhausted").getByRole("link").click();
  await expect(page).toHaveURL(/\/billing/);

  // The top-up through the fake Midtrans page: paid, back on the billing page.
  await page.getByTestId("topup-topup-1000").getByRole("button", { name: "Beli" }).click();
  await expect(page.getByRole("heading", { name: /Midtrans/ })).toBeVisible();
  await expect(page.getByTestId("amount")).toHaveText("Rp75.000");
  await page.getByRole("button", { name: "Bayar / Pay" }).click();
  await expect(page).toHaveURL(/\/billing\?payment=/);
  await expect(page.getByTestId("payment-return")).toContainText("Pembayaran Rp75.000 diterima");

  // The campaign resumed by itself and sent the third message.
  await page.goto(`${base}/campaigns/${campaign.id}`);
  await expect(page.getByTestId("progress-percent")).toHaveText("100%", { timeout: 60_000 });
  await expect(page.getByTestId("quota-exhausted")).toHaveCount(0);

  // The platform admin's console lists the shop with its usage; never its customers.
  await page.goto(`${base}/platform/sign-in`);
  await page.getByLabel("Email admin").fill(ADMIN.email);
  await page.getByLabel("Kata sandi").fill(ADMIN.password);
  await page.getByRole("button", { name: "Masuk ke konsol" }).click();
  await page.goto(`${base}/platform/shops`);
  const row = page.getByTestId("shop-row").filter({ hasText: "Kopi Senja" });
  await expect(row).toBeVisible();
  await expect(row.getByTestId("shop-owner")).toHaveText("sari@kopisenja.test");
  await expect(page.getByText("Pelanggan 1")).toHaveCount(0);
});
