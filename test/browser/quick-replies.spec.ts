import { randomBytes } from "node:crypto";
import { apiCall, expect, signIn, test } from "./fixtures.js";

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

test('the owner makes a quick reply on its page, "/" in the inbox offers it, and replying makes the conversation theirs', async ({
  page,
}) => {
  await signIn(page);
  const me = (await apiCall<{ user: { name: string } }>(page, "GET", "/auth/session")).user;
  const shortcut = `pesanan-${randomBytes(2).toString("hex")}`;

  // The page, from the navigation: a new quick reply with a variable and its preview.
  await page.getByRole("navigation").getByRole("link", { name: "Balasan cepat" }).click();
  await expect(page).toHaveURL(/\/quick-replies$/);
  await page.getByTestId("quick-reply-new").click();
  await page.getByTestId("quick-reply-shortcut").fill(shortcut);
  await page.getByTestId("quick-reply-body").fill("Halo {{name|kak}}, pesanan Anda sedang kami siapkan.");
  await expect(page.getByTestId("phone-preview")).toContainText(
    "Halo Budi Santoso, pesanan Anda sedang kami siapkan.",
  );
  await page.getByTestId("quick-reply-save").click();
  await expect(page.getByTestId("quick-reply-row").filter({ hasText: `/${shortcut}` })).toBeVisible();

  // A customer with no conversation yet writes; with nobody online, it waits unassigned.
  await expect
    .poll(async () =>
      (await apiCall<Array<{ online: boolean }>>(page, "GET", "/agents")).filter((a) => a.online),
    )
    .toEqual([]);
  const channel = (await apiCall<Channel[]>(page, "GET", "/channels")).find(
    (c) => c.kind === "sandbox" && c.status === "connected",
  )!;
  const taken = new Set(
    (await apiCall<Array<{ phone: string }>>(page, "GET", "/conversations?limit=200")).map((c) => c.phone),
  );
  const customer = (await apiCall<SandboxPhone[]>(page, "GET", "/sandbox/phones")).find(
    (p) => p.onWhatsApp && !taken.has(p.phone),
  )!;
  const question = `Pesanan saya sudah dikirim? #${randomBytes(2).toString("hex")}`;
  await apiCall(page, "POST", `/sandbox/phones/${encodeURIComponent(customer.phone)}/messages`, {
    channelId: channel.id,
    text: question,
  });
  await page.getByRole("navigation").getByRole("link", { name: "Kotak masuk" }).click();
  const row = page.locator(`[data-testid="conversation-row"][data-phone="${customer.phone}"]`);
  await expect(row).toContainText(question);
  await expect(row).toContainText("Belum ditangani");
  await row.click();

  // "/" offers the new quick reply; taken and sent, it carries the customer's name.
  const composer = page.getByTestId("composer-input");
  await composer.fill(`/${shortcut}`);
  await expect(page.getByTestId("quick-reply-option")).toHaveText([new RegExp(`/${shortcut}`)]);
  await composer.press("Enter");
  const reply = `Halo ${customer.name}, pesanan Anda sedang kami siapkan.`;
  await expect(composer).toHaveValue(reply);
  await composer.press("Enter");
  await expect(page.getByTestId("message-out").filter({ hasText: reply })).toBeVisible();
  // Whoever replied now handles it.
  await expect(row).toContainText(me.name);
  await expect(row).not.toContainText("Belum ditangani");
});
