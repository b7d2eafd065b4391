import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { apiCall, expect, signIn, test } from "./fixtures.js";

interface Channel {
  id: string;
  kind: string;
  status: string;
}
interface Recipient {
  phone: string;
  status: string;
  repliedAt: string | null;
}

/** The number a counter shows ("1.234" in Bahasa Indonesia). */
const counter = async (text: Promise<string | null>) => Number((await text)?.replace(/\D/g, "") ?? NaN);

/** A full-page screenshot into this test's output folder. */
async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

test("a campaign through the composer to 100 % live, then a sandbox reply counted without a reload", async ({
  page,
  context,
}) => {
  await signIn(page);
  await expect(page.getByTestId("shop-name")).toHaveText("Toko Contoh");
  await expect(page.getByTestId("live")).toHaveAttribute("data-connected", "true");
  await expect(page.getByTestId("stat-contacts")).toHaveText("50");

  // The demo number sends without pauses for this test.
  const channel = (await apiCall<Channel[]>(page, "GET", "/channels")).find(
    (c) => c.kind === "sandbox" && c.status === "connected",
  )!;
  await apiCall(page, "PATCH", `/channels/${channel.id}`, { pacingPreset: "off" });

  // Step 1, audience: the composer does not go on without a name and labels.
  const nav = page.getByRole("navigation");
  await nav.getByRole("link", { name: "Kampanye" }).click();
  await page.getByTestId("new-campaign").click();
  await page.getByTestId("composer-next").click();
  await expect(page.getByLabel("Nama kampanye")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("labels-input")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("step-audience")).toBeVisible();
  await screenshot(page, "04-composer-errors");
  await page.getByLabel("Nama kampanye").fill("Promo Browser");
  await page.getByTestId("labels-input").click();
  await page.getByRole("option", { name: /pelanggan-demo/ }).click();
  await page.keyboard.press("Escape");
  await page.getByTestId("composer-next").click();

  // Step 2, number and pacing.
  await expect(page.getByTestId("pacing-summary")).toBeVisible();
  await screenshot(page, "04-composer-channel");
  await page.getByTestId("composer-next").click();

  // Step 3, message with the server's live preview; not without a message.
  await page.getByTestId("composer-next").click();
  await expect(page.getByTestId("message-input")).toHaveAttribute("aria-invalid", "true");
  await page.getByTestId("message-input").fill("{Halo|Hai} {{name|kak}}, promo browser hari ini!");
  await expect(page.getByTestId("preview")).toContainText("promo browser hari ini!");
  await expect(page.getByTestId("preview")).not.toContainText("{{");
  await screenshot(page, "04-composer-message");
  await page.getByTestId("composer-next").click();

  // Step 4, schedule: now. Step 5, review with the count and the estimated time.
  await expect(page.getByTestId("step-schedule")).toBeVisible();
  await page.getByTestId("composer-next").click();
  await expect(page.getByTestId("estimate-recipients")).toHaveText("50 kontak");
  await expect(page.getByTestId("estimate-duration")).toHaveText("kurang dari 1 menit");
  await screenshot(page, "04-composer-review");
  await page.getByTestId("save-draft").click();

  // The detail page of the draft; from here on the campaign's data must come by Socket.IO.
  await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}$/);
  const campaignId = new URL(page.url()).pathname.split("/").pop()!;
  await expect(page.getByTestId("campaign-status")).toHaveText("Draf");
  await expect(page.getByTestId("campaign-progress")).toHaveAttribute("aria-valuenow", "0");
  let detailFetches = 0;
  page.on("request", (r) => {
    if (r.method() === "GET" && new URL(r.url()).pathname === `/api/v1/campaigns/${campaignId}`)
      detailFetches++;
  });
  await page.getByRole("button", { name: "Mulai kirim" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Mulai kirim" }).click();
  await expect(page.getByTestId("campaign-progress")).toHaveAttribute("aria-valuenow", "100", {
    timeout: 60_000,
  });
  await expect(page.getByTestId("progress-percent")).toHaveText("100%");
  await expect(page.getByTestId("campaign-status")).toHaveText("Selesai");
  // Each recipient counted once, in its latest state (read one counter at a time, while
  // receipts still move customers from delivered to read: the sum settles at 50).
  const counted = async () =>
    (
      await Promise.all(
        ["sent", "delivered", "read", "failed", "skipped"].map((s) =>
          counter(page.getByTestId(`count-${s}`).textContent()),
        ),
      )
    ).reduce((a, b) => a + b, 0);
  await expect.poll(counted).toBe(50);
  await expect(page.getByTestId("recipients-table")).toBeVisible();
  await screenshot(page, "05-campaign-detail");

  // A customer who got it opens the message on the sandbox phone (another tab) and replies.
  // (The count is read first: other customers' own replies can only add to it.)
  const before = await counter(page.getByTestId("count-replied").textContent());
  const recipients = await apiCall<Recipient[]>(
    page,
    "GET",
    `/campaigns/${campaignId}/recipients?pageSize=100`,
  );
  const customer = recipients.find((r) => (r.status === "delivered" || r.status === "read") && !r.repliedAt)!;
  expect(customer).toBeTruthy();
  const phone = await context.newPage();
  await phone.goto(`/sandbox/${encodeURIComponent(customer.phone)}`);
  await expect(
    phone.getByTestId("bubble-received").filter({ hasText: "promo browser hari ini!" }),
  ).toBeVisible();
  await phone.getByTestId("reply-input").fill("Mau kak, masih ada stok?");
  await phone.getByTestId("reply-send").click();
  await expect(
    phone.getByTestId("bubble-sent").filter({ hasText: "Mau kak, masih ada stok?" }),
  ).toBeVisible();
  await screenshot(phone, "07-sandbox-phone");

  // The campaign tab counts the reply, pushed to it: no reload, no request for the campaign.
  await expect
    .poll(() => counter(page.getByTestId("count-replied").textContent()), { timeout: 20_000 })
    .toBeGreaterThan(before);
  await expect
    .poll(
      async () =>
        (await apiCall<Recipient[]>(page, "GET", `/campaigns/${campaignId}/recipients?pageSize=100`)).find(
          (r) => r.phone === customer.phone,
        )?.repliedAt,
    )
    .toBeTruthy();
  expect(detailFetches).toBe(0);
  await screenshot(page, "06-campaign-detail-replied");

  // The report downloads as CSV with the customer's reply time in it.
  await page.getByTestId("recipient-search").fill(customer.phone.slice(-6));
  await expect(page.getByTestId("recipients-table").getByRole("row")).toHaveCount(2);
  await page.getByTestId("report-download").click();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("report-csv").click(),
  ]);
  expect(download.suggestedFilename()).toBe("campaign-promo-browser.csv");
  const csv = readFileSync(await download.path(), "utf8");
  expect(csv.split("\r\n")[0]).toBe(
    "\ufeffNomor,Nama,Dikirim dari,Status,Alasan,Terkirim (WIB),Diterima (WIB),Dibaca (WIB),Membalas (WIB)",
  );
  const line = csv.split("\r\n").find((l) => l.startsWith(customer.phone))!;
  expect(line).toMatch(/,(Terkirim|Diterima|Dibaca),/); // the status in the screen's words
  expect(line).toMatch(/,\d\d\/\d\d\/\d{4} \d\d:\d\d$/); // replied, in WIB

  // The dashboard counts what was sent and the reply.
  await nav.getByRole("link", { name: "Beranda" }).click();
  await expect.poll(() => counter(page.getByTestId("stat-sent").textContent())).toBeGreaterThan(0);
  await expect.poll(() => counter(page.getByTestId("stat-replied").textContent())).toBeGreaterThan(0);
  await expect(page.getByTestId("channel-health")).toContainText("Tersambung");
  await screenshot(page, "02-dashboard");
  await page.getByTestId("stats-period").getByText("30 hari").click();
  await expect.poll(() => counter(page.getByTestId("stat-sent").textContent())).toBeGreaterThan(0);

  // And at 768 px.
  await page.setViewportSize({ width: 768, height: 1024 });
  await screenshot(page, "02-dashboard-768");
  await page.goto(`/campaigns/${campaignId}`);
  await expect(page.getByTestId("progress-percent")).toHaveText("100%");
  await screenshot(page, "10-campaign-detail-768");
  await page.goto("/campaigns/new");
  await expect(page.getByTestId("step-audience")).toBeVisible();
  await screenshot(page, "04-composer-768");
});
