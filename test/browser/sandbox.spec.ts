import { apiCall, expect, screenshot, signIn, test } from "./fixtures.js";

interface Channel {
  id: string;
  kind: string;
  status: string;
}

/** An imported customer, not one of the 50 demo customers, on WhatsApp in the sandbox's default world. */
const PHONE = "+628579100001";
const LABEL = "impor-sandbox";

test("an imported customer sent a campaign appears on the sandbox phones page, opens, and shows the shop typing before an auto-reply", async ({
  page,
}) => {
  await signIn(page);
  await expect(page.getByTestId("live")).toHaveAttribute("data-connected", "true");
  const origin = new URL(process.env.KABAR_BROWSER_URL!).origin;
  const channel = (await apiCall<Channel[]>(page, "GET", "/channels")).find(
    (c) => c.kind === "sandbox" && c.status === "connected",
  )!;

  // The customer is imported from a file (with the page's session).
  const imported = await page.request.fetch(`/api/v1/contacts/imports?labels=${LABEL}`, {
    method: "POST",
    headers: { origin },
    multipart: {
      file: {
        name: "pelanggan.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(`nama,telepon\nBudi Impor,${PHONE}\n`),
      },
    },
  });
  expect(imported.status(), await imported.text()).toBe(201);
  await expect
    .poll(async () => (await apiCall<{ total: number }>(page, "GET", `/contacts?label=${LABEL}`)).total)
    .toBe(1);

  // The sandbox phones page does not list them yet (it lists the demo customers).
  await page.getByRole("navigation").getByRole("link", { name: "Ponsel sandbox" }).click();
  const table = page.getByTestId("phones-table");
  await expect(table).toBeVisible();
  const row = table.locator(`[data-testid="phone-row"][data-phone="${PHONE}"]`);
  await expect(table.getByTestId("phone-row").first()).toBeVisible(); // the list has loaded
  await expect(row).toHaveCount(0);

  // A campaign to them: the page, never reloaded, lists their phone as soon as it has one.
  const campaign = await apiCall<{ id: string }>(page, "POST", "/campaigns", {
    name: "Promo pelanggan impor",
    channelId: channel.id,
    body: "Halo {{name}}, ada promo untuk kakak",
    audience: { type: "labels", labels: [LABEL], match: "any" },
  });
  await apiCall(page, "POST", `/campaigns/${campaign.id}/start`);
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("+62 857-9100-001"); // as a person reads a number
  await row.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/sandbox/${encodeURIComponent(PHONE)}$`));
  await expect(
    page.getByTestId("bubble-received").filter({ hasText: "Halo Budi Impor, ada promo untuk kakak" }),
  ).toBeVisible();

  // An auto-reply with a 3 s delay: the phone shows "mengetik…" before the answer comes.
  const rule = await apiCall<{ id: string }>(page, "POST", "/automation/rules", {
    name: "Tanya ongkir",
    type: "keyword",
    config: { keywords: ["ongkir"] },
    reply: "Ongkir gratis untuk kakak",
    channelId: channel.id,
    delayMinSeconds: 3,
    delayMaxSeconds: 3,
  });
  try {
    await page.getByTestId("reply-input").fill("Berapa ongkir ke Bandung?");
    await page.keyboard.press("Enter");
    await expect(
      page.getByTestId("bubble-sent").filter({ hasText: "Berapa ongkir ke Bandung?" }),
    ).toBeVisible();
    await expect(page.getByTestId("shop-typing")).toHaveText("mengetik…");
    await screenshot(page, "30-sandbox-phone-typing");
    await expect(
      page.getByTestId("bubble-received").filter({ hasText: "Ongkir gratis untuk kakak" }),
    ).toBeVisible();
    await expect(page.getByTestId("shop-typing")).toHaveCount(0);
  } finally {
    // Other browser tests run after this one: the shop is left without the rule.
    const removed = await page.request.fetch(`/api/v1/automation/rules/${rule.id}`, {
      method: "DELETE",
      headers: { origin },
    });
    expect(removed.status()).toBeLessThan(300);
  }
});
