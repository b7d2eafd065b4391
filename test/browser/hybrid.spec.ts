import { apiCall, composeToNumber, expect, signIn, test } from "./fixtures.js";

interface Channel {
  id: string;
  name: string;
  kind: string;
  status: string;
}

/**
 * Hybrid routing in the demo (issue 15, part 4): the shop adds a sandbox Cloud API number,
 * and a campaign to the demo customers from the WhatsApp Web sandbox number and that number
 * sends customers who chatted before over WhatsApp Web and new chats over the approved
 * template; the review shows the split and Meta's cost first, the campaign page the actual
 * split.
 */
test("hybrid routing: the review shows the split and Meta's cost, the campaign page both numbers", async ({
  page,
}) => {
  await signIn(page);
  const demo = (await apiCall<Channel[]>(page, "GET", "/channels")).find(
    (c) => c.kind === "sandbox" && c.status === "connected",
  )!;
  const cloud = await apiCall<Channel>(page, "POST", "/channels", {
    name: "WA Resmi Hibrida",
    kind: "cloud_api",
    cloudApi: { sandbox: true },
    pacingPreset: "off",
  });
  await expect
    .poll(async () => (await apiCall<Channel>(page, "GET", `/channels/${cloud.id}`)).status, {
      timeout: 30_000,
    })
    .toBe("connected");
  await apiCall(page, "POST", `/channels/${cloud.id}/wa-templates/sync`);
  await apiCall(page, "PATCH", `/channels/${demo.id}`, { pacingPreset: "off" });

  await page.goto("/campaigns/new");
  // The number step: the WhatsApp Web number, the Cloud API number beside it, hybrid routing.
  await composeToNumber(page, "Promo Hibrida", demo.name);
  await page.getByTestId("pool-multi").check();
  await page.getByTestId(`pool-pick-${cloud.id}`).check();
  await expect(page.getByTestId("pool-mixed-warning")).toBeVisible(); // refused without hybrid, said first
  await page.getByTestId("pool-hybrid").check();
  await page.getByTestId("composer-next").click();

  // The message step asks for both: text for those who chatted before, the template for new chats.
  await page.getByTestId("message-input").fill("Halo {{name|kak}}, apa kabar? Ada promo untukmu.");
  await page.getByTestId("wa-template-input").click();
  await page.getByRole("option", { name: /promo_bulanan/ }).click();
  await page.getByTestId("wa-param-1").fill("{{name|Kak}}");
  await page.getByTestId("composer-next").click();
  await expect(page.getByTestId("step-schedule")).toBeVisible();
  await page.getByTestId("composer-next").click();

  // The review: the split over both numbers and what Meta will charge for the Cloud API share.
  const split = page.getByTestId("estimate-split");
  await expect(split.getByTestId(`split-${demo.id}`)).toBeVisible();
  await expect(split.getByTestId(`split-${cloud.id}`)).toBeVisible();
  await expect(page.getByTestId("estimate-meta-cost")).toContainText("Rp");
  await page.getByTestId("send-now").click();
  await page.getByRole("dialog").getByRole("button", { name: "Kirim sekarang" }).click();

  await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("campaign-hybrid")).toBeVisible();
  await expect(page.getByTestId("progress-percent")).toHaveText("100%", { timeout: 60_000 });
  await expect(page.getByTestId(`by-channel-${cloud.id}`)).toBeVisible();
  // What Meta billed, from its status webhooks, without a reload; and both messages.
  await expect(page.getByTestId("actual-cost")).toContainText("Rp");
  await expect(page.getByTestId("campaign-message")).toHaveText(
    "Halo {{name|kak}}, apa kabar? Ada promo untukmu.",
  );
  await expect(page.getByTestId("campaign-hybrid-template")).toContainText("promo_bulanan");
  await expect(page.getByTestId(`by-channel-${demo.id}`)).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("campaign-hybrid.png"), fullPage: true });
});
