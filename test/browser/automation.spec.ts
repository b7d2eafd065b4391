import type { Page } from "@playwright/test";
import { apiCall, expect, screenshot, signIn, test } from "./fixtures.js";

interface Channel {
  id: string;
  kind: string;
  status: string;
}
interface SandboxPhone {
  phone: string;
  onWhatsApp: boolean;
}
interface PhoneMessage {
  direction: "in" | "out";
  text?: string;
}

const REPLY = /harga mulai Rp10\.000/;

/** Moves a slider thumb (by its accessible name) down as far as it goes with the keyboard. */
async function toLowest(page: Page, name: string): Promise<void> {
  await page.getByRole("slider", { name }).focus();
  for (let i = 0; i < 10; i++) await page.keyboard.press("ArrowLeft");
}

test('a keyword rule answers "harga" in the test panel, then a sandbox phone gets the auto-reply and the count goes up live', async ({
  page,
}) => {
  await signIn(page);
  await expect(page.getByTestId("live")).toHaveAttribute("data-connected", "true");

  // The rules page, empty in a fresh shop.
  await page.getByRole("navigation").getByRole("link", { name: "Balasan otomatis" }).click();
  await expect(page.getByRole("heading", { name: "Balasan otomatis" })).toBeVisible();
  await expect(page.getByTestId("rules-table").or(page.getByTestId("empty"))).toBeVisible();

  // A keyword rule "harga" with the shortest delay (1 s).
  await page.getByTestId("new-rule").click();
  await page.getByTestId("new-rule-keyword").click();
  await expect(page).toHaveURL(/\/automation\/new\?type=keyword$/);
  await page.getByTestId("rule-save").click();
  await expect(page.getByText("Beri nama aturan")).toBeVisible(); // nothing sent without a name
  await page.getByTestId("rule-name").fill("Tanya harga");
  await page.getByTestId("keywords-input").fill("harga");
  await page.keyboard.press("Enter");
  await page.getByTestId("rule-reply").fill("Halo {{name|kak}}, harga mulai Rp10.000. Cek katalog kami ya!");
  await toLowest(page, "Waktu tunggu balasan minimum");
  await toLowest(page, "Waktu tunggu balasan maksimum");
  await expect(page.getByText("Waktu tunggu balasan: 1–1 detik")).toBeVisible();
  await screenshot(page, "20-automation-rule-form");
  await page.getByTestId("rule-save").click();
  await expect(page).toHaveURL(/\/automation\/[0-9a-f-]{36}$/);
  const ruleId = new URL(page.url()).pathname.split("/").pop()!;
  await expect(page.getByTestId("rule-stats")).toContainText("Terpicu 0 kali");

  // Back to the list: the rule, switched on, never triggered; the test panel finds it.
  await page.getByRole("button", { name: "Kembali" }).click();
  const row = page.locator(`[data-rule-id="${ruleId}"]`);
  await expect(row).toContainText("Tanya harga");
  await expect(row.getByTestId("rule-triggers")).toHaveText("0");
  await expect(row.getByTestId("rule-last")).toHaveText("Belum pernah");
  await page.getByTestId("test-text").fill("Berapa harga?");
  await page.getByTestId("test-submit").click();
  await expect(page.getByTestId("test-rule")).toHaveText("Tanya harga");
  // Without a contact, the reply is written for the template preview's sample customer.
  await expect(page.getByTestId("test-reply")).toHaveText(
    "Halo Budi Santoso, harga mulai Rp10.000. Cek katalog kami ya!",
  );
  await expect(page.getByTestId("test-for")).toHaveText("Ditulis untuk: Contoh pelanggan (Budi Santoso)");
  await page.getByTestId("test-text").fill("Selamat pagi");
  await page.getByTestId("test-submit").click();
  await expect(page.getByTestId("test-none")).toBeVisible();
  await screenshot(page, "20-automation-list");

  // A customer's phone writes "harga" to the sandbox number (with the page's session).
  const channel = (await apiCall<Channel[]>(page, "GET", "/channels")).find(
    (c) => c.kind === "sandbox" && c.status === "connected",
  )!;
  const phone = (await apiCall<SandboxPhone[]>(page, "GET", "/sandbox/phones")).find(
    (p) => p.onWhatsApp,
  )!.phone;
  const path = `/sandbox/phones/${encodeURIComponent(phone)}/messages`;
  await apiCall(page, "POST", path, { channelId: channel.id, text: "harga" });

  // The auto-reply reaches the phone after its delay (rule delays are not scaled by the sandbox clock).
  await expect
    .poll(
      async () =>
        (await apiCall<PhoneMessage[]>(page, "GET", path)).some(
          (m) => m.direction === "in" && REPLY.test(m.text ?? ""),
        ),
      { timeout: 30_000 },
    )
    .toBe(true);
  // The list, never reloaded, counts it (refreshed by the message.new events).
  await expect(row.getByTestId("rule-triggers")).toHaveText("1", { timeout: 20_000 });
  await expect(row.getByTestId("rule-last")).toHaveText(/WIB$/);
  await screenshot(page, "20-automation-triggered");

  // The rule's log: what fired for the message, sent.
  await row.getByRole("link", { name: "Tanya harga" }).click();
  await expect(page.getByTestId("rule-log-row")).toHaveCount(1);
  await expect(page.getByTestId("rule-log-outcome")).toHaveText("Terkirim");
  await expect(page.getByTestId("rule-log")).toContainText("harga mulai Rp10.000");
  await page.setViewportSize({ width: 768, height: 1024 });
  await screenshot(page, "20-automation-rule-768");
  await page.setViewportSize({ width: 1280, height: 800 });

  // Deleting asks first; the shop is left without the rule (other browser tests run after this one).
  await page.getByTestId("rule-delete").click();
  await page.getByRole("dialog").getByRole("button", { name: "Hapus" }).click();
  await expect(page).toHaveURL(/\/automation$/);
  await expect(page.locator(`[data-rule-id="${ruleId}"]`)).toHaveCount(0);
});

const MONTHS = "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember".split(
  " ",
);

/**
 * Picks a day ("21 November 2026", its label in the Indonesian calendar) and a 24-hour time in
 * a date-time picker as a person does: open it, page to the month, click the day, type the
 * hours and minutes, confirm.
 */
async function pickDateTime(page: Page, testId: string, day: string, hours: string, minutes: string) {
  await page.getByTestId(testId).click();
  const dialog = page.getByRole("dialog");
  const monthOf = (label: string) => {
    const [m, y] = label.trim().split(" ").slice(-2);
    return Number(y) * 12 + MONTHS.indexOf(m ?? "");
  };
  const header = dialog.locator(".mantine-DateTimePicker-calendarHeaderLevel");
  for (let shown = monthOf((await header.textContent()) ?? ""); shown !== monthOf(day); ) {
    await dialog.locator(`button[data-direction="${shown > monthOf(day) ? "previous" : "next"}"]`).click();
    const before = shown;
    await expect.poll(async () => monthOf((await header.textContent()) ?? "")).not.toBe(before);
    shown = monthOf((await header.textContent()) ?? "");
  }
  await dialog.getByRole("button", { name: day, exact: true }).click();
  await dialog.getByRole("spinbutton", { name: "Jam" }).fill(hours);
  await dialog.getByRole("spinbutton", { name: "Menit" }).fill(minutes);
  await dialog.getByRole("button", { name: "Pakai tanggal dan jam ini" }).click();
}

test("an outside-hours rule from the working-hours editor answers on a closed day and a holiday, in shop time", async ({
  page,
}) => {
  await signIn(page);
  await page.goto("/automation/new?type=outside_hours");
  await page.getByTestId("rule-name").fill("Toko tutup");
  // The usual week (Sunday closed) with Saturday closed too and Christmas as a holiday.
  await page.getByRole("switch", { name: "Buka pada hari Sabtu" }).click({ force: true });
  await page.getByTestId("holiday-input").fill("2026-12-25");
  await page.getByTestId("holiday-add").click();
  await expect(page.getByTestId("holidays")).toContainText("2026-12-25");
  await page.getByTestId("rule-reply").fill("Maaf kak, toko sedang tutup. Kami balas besok pagi ya.");
  await screenshot(page, "20-automation-hours");
  await page.getByTestId("rule-save").click();
  await expect(page).toHaveURL(/\/automation\/[0-9a-f-]{36}$/); // the server took the config
  await expect(page.getByTestId("rule-stats")).toContainText("Terpicu 0 kali"); // the saved rule's page has rendered

  const ask = async (day: string, hours = "10", minutes = "00") => {
    await page.getByTestId("test-text").fill("Halo, masih buka?");
    await pickDateTime(page, "test-at", day, hours, minutes);
    await expect(page.getByTestId("test-at")).toContainText(` ${hours}:${minutes}`); // 24-hour
    await page.getByTestId("test-submit").click();
  };
  await ask("21 November 2026"); // a Saturday
  await expect(page.getByTestId("test-rule")).toHaveText("Toko tutup");
  await expect(page.getByTestId("test-reply")).toHaveText(
    "Maaf kak, toko sedang tutup. Kami balas besok pagi ya.",
  );
  // Answers alternate, so each check can only pass on a fresh answer.
  await ask("23 November 2026"); // a Monday, open
  await expect(page.getByTestId("test-none")).toBeVisible();
  await ask("25 Desember 2026"); // a Friday, but a holiday
  await expect(page.getByTestId("test-rule")).toHaveText("Toko tutup");
  await ask("23 November 2026", "12", "00"); // Monday again, open
  await expect(page.getByTestId("test-none")).toBeVisible();
  await ask("23 November 2026", "17", "30"); // Monday after closing time (WIB; 10:30 UTC)
  await expect(page.getByTestId("test-rule")).toHaveText("Toko tutup");

  await page.getByTestId("rule-delete").click();
  await page.getByRole("dialog").getByRole("button", { name: "Hapus" }).click();
  await expect(page).toHaveURL(/\/automation$/);
});
