import { apiCall, expect, screenshot, signIn, test } from "./fixtures.js";

interface Channel {
  id: string;
  name: string;
  status: string;
}
interface Summary {
  channelId: string;
  score: number;
  level: "healthy" | "watch" | "at_risk";
  reach: { newChats: number | null; limitedBy: string };
}

const WORD = { healthy: "Sehat", watch: "Waspada", at_risk: "Berisiko" } as const;

test("a number's health score shows on the numbers page, its own page and the dashboard, and the composer says how many new customers it can reach", async ({
  page,
}) => {
  await signIn(page);
  const channels = await apiCall<Channel[]>(page, "GET", "/channels");
  const demo = channels.find((c) => c.status === "connected")!;
  const scores = await apiCall<Summary[]>(page, "GET", "/channels/health");
  const mine = scores.find((s) => s.channelId === demo.id)!;
  const badge = `${mine.score} · ${WORD[mine.level]}`;

  const nav = page.getByRole("navigation");
  await nav.getByRole("link", { name: "Nomor WhatsApp" }).click();
  const row = page.getByTestId(`channel-row-${demo.id}`);
  await expect(row.getByTestId("channel-health-score")).toHaveText(badge);
  await screenshot(page, "11-channels-health");

  // The number's page says why, and how many new customers it can reach today.
  await row.getByRole("link", { name: demo.name }).click();
  await expect(page.getByTestId("health-score")).toHaveText(badge);
  await expect(page.getByTestId("health-parts")).toBeVisible();
  const reach = page.getByTestId("health-reach");
  await expect(reach).toHaveText(
    mine.reach.newChats
      ? /^Nomor ini bisa menjangkau sekitar [\d.]+ pelanggan baru hari ini$/
      : /pelanggan baru|WhatsApp Web/,
  );
  const reachText = (await reach.textContent())!;
  await screenshot(page, "14-channel-health");

  // The dashboard, beside the connected number.
  await nav.getByRole("link", { name: "Beranda" }).click();
  await expect(page.getByTestId("channel-health").getByTestId("dashboard-health-score").first()).toHaveText(
    /^\d{1,3} · (Sehat|Waspada|Berisiko)$/,
  );

  // The composer, where the number is picked.
  await nav.getByRole("link", { name: "Kampanye" }).click();
  await page.getByTestId("new-campaign").click();
  await page.getByLabel("Nama kampanye").fill("Cek Jangkauan");
  await page.getByTestId("labels-input").click();
  await page.getByRole("option", { name: /pelanggan-demo/ }).click();
  await page.keyboard.press("Escape");
  await page.getByTestId("composer-next").click();
  await expect(page.getByTestId("pacing-summary")).toBeVisible();
  await page.getByTestId("channel-input").click();
  await page.getByRole("option", { name: demo.name }).first().click();
  await expect(page.getByTestId("composer-reach")).toHaveText(reachText);
});
