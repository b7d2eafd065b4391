import type { Page } from "@playwright/test";
import { apiCall, composeToNumber, expect, signIn, test } from "./fixtures.js";

interface Channel {
  id: string;
  name: string;
  kind: string;
  status: string;
}

/** The number a table cell shows ("1.234" in Bahasa Indonesia). */
const count = (text: string | null) => Number(text?.replace(/\D/g, "") ?? Number.NaN);

/**
 * Links a new sandbox number as its owner would: scans its QR with the sandbox's simulated
 * phone, asking for a new QR when the codes ran out first (the browser server's sandbox clock
 * is fast), until the number is connected.
 */
async function connectSandbox(page: Page, id: string): Promise<void> {
  const origin = new URL(process.env.KABAR_BROWSER_URL!).origin;
  const post = (path: string) => page.request.post(`/api/v1${path}`, { headers: { origin } });
  await expect
    .poll(
      async () => {
        const { status } = await apiCall<Channel>(page, "GET", `/channels/${id}`);
        if (status === "qr") await post(`/sandbox/channels/${id}/scan`);
        else if (status !== "connected" && status !== "connecting") await post(`/channels/${id}/connect`);
        return status;
      },
      { timeout: 30_000 },
    )
    .toBe("connected");
}

test("a campaign from two sandbox numbers: chosen in the composer, the campaign page shows each number with its recipients", async ({
  page,
}) => {
  await signIn(page);
  const demo = (await apiCall<Channel[]>(page, "GET", "/channels")).find(
    (c) => c.kind === "sandbox" && c.status === "connected",
  )!;
  const second = await apiCall<Channel>(page, "POST", "/channels", {
    name: "Nomor Cabang Pool",
    kind: "sandbox",
  });
  await connectSandbox(page, second.id);
  // Both send without pauses for this test.
  for (const c of [demo, second]) await apiCall(page, "PATCH", `/channels/${c.id}`, { pacingPreset: "off" });

  await page.goto("/campaigns/new");
  // The number step: the demo number first, then the second one picked with weight 1.
  await composeToNumber(page, "Promo Dua Nomor", demo.name);
  await page.getByTestId("pool-multi").check();
  await page.getByTestId(`pool-pick-${second.id}`).check();
  await expect(page.getByTestId(`pool-weight-${second.id}`)).toHaveValue("1");
  await expect(page.getByTestId("pool-hybrid")).toHaveCount(0); // two sandbox numbers: nothing to route
  await page.getByTestId("composer-next").click();

  await page.getByTestId("message-input").fill("Halo {{name|kak}}, promo dari dua nomor!");
  await page.getByTestId("composer-next").click();
  await expect(page.getByTestId("step-schedule")).toBeVisible();
  await page.getByTestId("composer-next").click();

  // The review: the split over both numbers, 50 recipients in all.
  const split = page.getByTestId("estimate-split");
  await expect(split.getByTestId(`split-${demo.id}`)).toBeVisible();
  await expect(split.getByTestId(`split-${second.id}`)).toBeVisible();
  await page.getByTestId("send-now").click();
  await page.getByRole("dialog").getByRole("button", { name: "Kirim sekarang" }).click();

  // The campaign page: per number, its recipients; all 50 sent by the two together.
  await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("progress-percent")).toHaveText("100%", { timeout: 60_000 });
  const cells = (id: string) => page.getByTestId(`by-channel-${id}`).getByRole("cell");
  // Nomor, Bobot, Penerima, Terkirim, Menunggu, Gagal.
  const recipients = async (id: string) => count(await cells(id).nth(2).textContent());
  await expect(cells(second.id).first()).toHaveText("Nomor Cabang Pool");
  await expect.poll(() => recipients(demo.id)).toBeGreaterThan(0);
  await expect.poll(() => recipients(second.id)).toBeGreaterThan(0);
  expect((await recipients(demo.id)) + (await recipients(second.id))).toBe(50);
  for (const id of [demo.id, second.id]) await expect(cells(id).nth(4)).toHaveText("0"); // none pending
  await page.screenshot({ path: test.info().outputPath("campaign-pool.png"), fullPage: true });
});
