import { apiCall, expect, screenshot, signIn, test } from './fixtures.js';

interface Channel {
  id: string;
  kind: string;
}
interface Recipient {
  phone: string;
  status: string;
  repliedAt: string | null;
}

/** The number a counter shows ("1.234" in Bahasa Indonesia). */
const counter = async (text: Promise<string | null>) => Number((await text)?.replace(/\D/g, '') ?? NaN);

test('a campaign from the form to 100 % live, then a sandbox reply counted without a reload', async ({ page, context }) => {
  await signIn(page);
  await expect(page.getByTestId('shop-name')).toHaveText('Toko Contoh');
  await expect(page.getByTestId('live')).toHaveAttribute('data-connected', 'true');
  await expect(page.getByTestId('stat-contacts')).toHaveText('50');
  await screenshot(page, '02-dashboard');

  // The demo number sends without pauses for this test.
  const channel = (await apiCall<Channel[]>(page, 'GET', '/channels')).find((c) => c.kind === 'sandbox')!;
  await apiCall(page, 'PATCH', `/channels/${channel.id}`, { pacingPreset: 'off' });

  // The form: name, audience by label, message with the server's preview.
  const nav = page.getByRole('navigation');
  await nav.getByRole('link', { name: 'Kampanye' }).click();
  await page.getByTestId('new-campaign').click();
  // An empty form: the server's field errors show on the fields.
  await page.getByRole('button', { name: 'Simpan sebagai draf' }).click();
  await expect(page.getByLabel('Nama kampanye')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('message-input')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('labels-input')).toHaveAttribute('aria-invalid', 'true');
  await screenshot(page, '04-new-campaign-errors');
  await page.getByLabel('Nama kampanye').fill('Promo Browser');
  await page.getByTestId('labels-input').click();
  await page.getByRole('option', { name: /pelanggan-demo/ }).click();
  await page.keyboard.press('Escape');
  await page.getByTestId('message-input').fill('{Halo|Hai} {{name|kak}}, promo browser hari ini!');
  await expect(page.getByTestId('preview')).toContainText('promo browser hari ini!');
  await expect(page.getByTestId('preview')).not.toContainText('{{');
  await screenshot(page, '04-new-campaign');
  await page.getByRole('button', { name: 'Simpan sebagai draf' }).click();

  // The detail page of the draft; from here on the campaign's data must come by Socket.IO.
  await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}$/);
  const campaignId = new URL(page.url()).pathname.split('/').pop()!;
  await expect(page.getByTestId('campaign-status')).toHaveText('Draf');
  await expect(page.getByTestId('campaign-progress')).toHaveAttribute('aria-valuenow', '0');
  let detailFetches = 0;
  page.on('request', (r) => {
    if (r.method() === 'GET' && new URL(r.url()).pathname === `/api/v1/campaigns/${campaignId}`) detailFetches++;
  });
  await page.getByRole('button', { name: 'Mulai kirim' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Mulai kirim' }).click();
  await expect(page.getByTestId('campaign-progress')).toHaveAttribute('aria-valuenow', '100', { timeout: 60_000 });
  await expect(page.getByTestId('progress-percent')).toHaveText('100%');
  await expect(page.getByTestId('campaign-status')).toHaveText('Selesai');
  const counts = await Promise.all(['sent', 'delivered', 'read', 'failed', 'skipped'].map((s) => counter(page.getByTestId(`count-${s}`).textContent())));
  expect(counts.reduce((a, b) => a + b, 0)).toBe(50);
  await expect(page.getByTestId('recipients-table')).toBeVisible();
  await screenshot(page, '05-campaign-detail');

  // A customer who got it opens the message on the sandbox phone (another tab) and replies.
  // (The count is read first: other customers' own replies can only add to it.)
  const before = await counter(page.getByTestId('count-replied').textContent());
  const recipients = await apiCall<Recipient[]>(page, 'GET', `/campaigns/${campaignId}/recipients?pageSize=100`);
  const customer = recipients.find((r) => (r.status === 'delivered' || r.status === 'read') && !r.repliedAt)!;
  expect(customer).toBeTruthy();
  const phone = await context.newPage();
  await phone.goto(`/sandbox/${encodeURIComponent(customer.phone)}`);
  await expect(phone.getByTestId('bubble-received').filter({ hasText: 'promo browser hari ini!' })).toBeVisible();
  await phone.getByTestId('reply-input').fill('Mau kak, masih ada stok?');
  await phone.getByTestId('reply-send').click();
  await expect(phone.getByTestId('bubble-sent').filter({ hasText: 'Mau kak, masih ada stok?' })).toBeVisible();
  await screenshot(phone, '07-sandbox-phone');

  // The campaign tab counts the reply, pushed to it: no reload, no request for the campaign.
  await expect.poll(() => counter(page.getByTestId('count-replied').textContent()), { timeout: 20_000 }).toBeGreaterThan(before);
  await expect
    .poll(async () => (await apiCall<Recipient[]>(page, 'GET', `/campaigns/${campaignId}/recipients?pageSize=100`)).find((r) => r.phone === customer.phone)?.repliedAt)
    .toBeTruthy();
  expect(detailFetches).toBe(0);
  await screenshot(page, '06-campaign-detail-replied');

  // The other main pages, for the record (and the layout at 768 px).
  await nav.getByRole('link', { name: 'Kampanye' }).click();
  await expect(page.getByTestId('campaigns-table')).toContainText('Promo Browser');
  await screenshot(page, '03-campaigns');
  await nav.getByRole('link', { name: 'Ponsel sandbox' }).click();
  await expect(page.getByTestId('phones-table').getByRole('row')).toHaveCount(51);
  await screenshot(page, '08-sandbox-phones');
  await nav.getByRole('link', { name: 'Kontak' }).click();
  await expect(page.getByTestId('contact-total')).toHaveText('50 kontak');
  await page.getByTestId('contact-search').fill(customer.phone.slice(-6));
  await expect(page.getByTestId('contacts-table').getByRole('row')).toHaveCount(2);
  await screenshot(page, '09-contacts');
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.goto(`/campaigns/${campaignId}`);
  await expect(page.getByTestId('progress-percent')).toHaveText('100%');
  await screenshot(page, '10-campaign-detail-768');
});
