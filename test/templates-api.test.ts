import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TemplateDto } from '../src/modules/templates/schemas.js';
import { apiClient, errorOf, ok, uploadContacts, type Api } from './support/api.js';
import { allRecipients, startCampaign, untilCampaign } from './support/campaigns.js';
import { firstChannel, setPacing, untilChannelStatus } from './support/channels.js';
import { startTestKabar, type TestKabar } from './support/kabar.js';

let k: TestKabar;
let api: Api;

beforeAll(async () => {
  k = await startTestKabar();
  api = apiClient(k.http!, { cookie: k.cookie });
});
afterAll(async () => k?.close());

describe('templates', () => {
  it('saves a template with its variables, and previews it for a contact', async () => {
    const t = await ok(
      api<TemplateDto>('POST', '/templates', {
        name: 'Promo',
        body: '{Halo|Hai} {{name|kak}} dari {{kota}}, pesanan {{1}} siap 🎉',
        media: { type: 'image', url: 'https://toko.example/promo.jpg', mimeType: 'image/jpeg' },
      }),
      201,
    );
    expect(t.variables.sort()).toEqual(['1', 'kota', 'name']);
    const contact = await ok<{ id: string }>(api('POST', '/contacts', { phone: '0812-1111-2222', name: 'Rina', attributes: { kota: 'Medan' } }), 201);
    const preview = await ok<{ text: string; missing: string[]; media: unknown }>(
      api('POST', '/templates/preview', { templateId: t.id, contactId: contact.id, columns: ['#A-17'], seed: 'x' }),
    );
    expect(preview.text).toMatch(/^(Halo|Hai) Rina dari Medan, pesanan #A-17 siap 🎉$/);
    expect(preview.missing).toEqual([]);
    expect(preview.media).toMatchObject({ type: 'image' });
    // The same seed gives the same variation; a contact without the attribute shows what is missing.
    const again = await ok<{ text: string }>(api('POST', '/templates/preview', { templateId: t.id, contactId: contact.id, columns: ['#A-17'], seed: 'x' }));
    expect(again.text).toBe(preview.text);
    const sample = await ok<{ text: string; missing: string[] }>(api('POST', '/templates/preview', { body: 'Halo {{name}} dari {{kota}}' }));
    expect(sample.text).toBe('Halo Budi Santoso dari ');
    expect(sample.missing).toEqual(['kota']);
  });

  it('refuses a caption longer than WhatsApp allows, naming the field', async () => {
    const r = await api('POST', '/templates', { name: 'Panjang', body: 'x'.repeat(1025), media: { type: 'image', url: 'https://toko.example/a.jpg' } });
    expect(r.status).toBe(400);
    expect(errorOf(r).fields).toHaveProperty('body');
  });

  it('updates and deletes a template', async () => {
    const t = await ok(api<TemplateDto>('POST', '/templates', { name: 'Sementara', body: 'Halo' }), 201);
    const u = await ok(api<TemplateDto>('PUT', `/templates/${t.id}`, { name: 'Tetap', body: 'Halo {{name}}' }));
    expect(u).toMatchObject({ name: 'Tetap', variables: ['name'] });
    expect((await api('DELETE', `/templates/${t.id}`)).status).toBe(204);
    expect((await api('GET', `/templates/${t.id}`)).status).toBe(404);
  });
});

describe('a campaign to one import, with positional variables from its columns', () => {
  it('fills {{1}}, {{2}} from each row of the file', async () => {
    const csv = 'nama,hp,pesanan,total\nAni,0813-5550-0101,INV-1,Rp 150.000\nBayu,0813-5550-0102,INV-2,Rp 99.000\n';
    const summary = await ok<{ id: string; created: number }>(uploadContacts(api, 'pesanan.csv', csv), 201);
    expect(summary.created).toBe(2);
    const channel = await firstChannel(api);
    await setPacing(api, channel.id, 'off');
    await untilChannelStatus(api, channel.id, 'connected');
    const c = await startCampaign(api, { name: 'Tagihan', channelId: channel.id, body: 'Halo {{name}}, pesanan {{3}} totalnya {{4}}.', audience: { type: 'import', importId: summary.id } });
    await untilCampaign(api, c.id, (x) => x.status === 'completed');
    const texts = (await allRecipients(api, c.id)).map((r) => r.text).sort();
    expect(texts).toEqual(['Halo Ani, pesanan INV-1 totalnya Rp 150.000.', 'Halo Bayu, pesanan INV-2 totalnya Rp 99.000.']);
  });
});
