import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeVirtualCustomers } from '../src/channels/sandbox/behaviour.js';
import type { CampaignDto } from '../src/modules/campaigns/schemas.js';
import type { ChannelDto } from '../src/modules/channels/schemas.js';
import type { ImportSummary } from '../src/modules/contacts/imports.js';
import type { ContactDto } from '../src/modules/contacts/schemas.js';
import type { TemplateDto } from '../src/modules/templates/schemas.js';
import type { TenantDto } from '../src/modules/tenants/service.js';
import { DEMO_LABEL } from '../src/modules/tenants/seed.js';
import { startTestKabar, type TestKabar } from './support/kabar.js';
import { waitFor } from './support/wait.js';
import { API_ROUTES, addTenant, apiClient, errorOf, ok, routeKey, untilConnected, uploadContacts, type Api, type ContactPage as Page, type Method } from './support/api.js';

/**
 * Two shops in one database: the seeded "Toko Contoh" (A) and "Toko Kedua" (B). B must
 * never see, change or use anything of A's, and must not learn whether an id of A exists.
 */

interface Conversation {
  id: string;
  channelId: string;
  contactId: string;
  phone: string;
}
interface PhoneMessage {
  direction: 'in' | 'out';
  text?: string;
}

/** Text B tries to slip into A's data; it must never show up anywhere of A's. */
const PROBE = 'pesan-dari-toko-kedua';

let k: TestKabar;
let a: Api;
let b: Api;
let bTenantId: string;

/** A's things. */
const A = {
  channelId: '',
  contact: undefined as unknown as ContactDto,
  templateId: '',
  importId: '',
  draftId: '',
  pausedId: '',
  conversationId: '',
  phone: '',
};
/** B's things. */
const B = { channelId: '', contactId: '', templateId: '', importId: '', campaignId: '', phone: '', conversationId: '' };

/** What A can see of its own data, for comparing before and after B's attempts. */
async function snapshotOfA() {
  const campaign = async (id: string) => {
    const c = await ok(a<CampaignDto>('GET', `/campaigns/${id}`));
    return { name: c.name, body: c.body, status: c.status, channelId: c.channelId, audience: c.audience, scheduledAt: c.scheduledAt, total: c.counts.total, pending: c.counts.pending };
  };
  const channel = await ok(a<ChannelDto>('GET', `/channels/${A.channelId}`));
  return {
    tenant: await ok(a<TenantDto>('GET', '/tenant')),
    contact: await ok(a<ContactDto>('GET', `/contacts/${A.contact.id}`)),
    template: await ok(a<TemplateDto>('GET', `/templates/${A.templateId}`)),
    import: await ok(a<ImportSummary>('GET', `/contacts/imports/${A.importId}`)),
    importErrors: await ok(a('GET', `/contacts/imports/${A.importId}/errors`)),
    draft: await campaign(A.draftId),
    paused: await campaign(A.pausedId),
    channel: { name: channel.name, status: channel.status, pacingPreset: channel.pacingPreset, pacing: channel.pacing },
    contacts: (await ok(a<Page>('GET', '/contacts?pageSize=1'))).total,
    templates: (await ok(a<TemplateDto[]>('GET', '/templates'))).length,
  };
}

beforeAll(async () => {
  k = await startTestKabar();
  a = apiClient(k.http!, { cookie: k.cookie });

  // Shop A: the demo channel, a contact, a template, an import, a draft and a paused campaign,
  // and a conversation started by one of its sandbox customers.
  A.channelId = (await ok(a<ChannelDto[]>('GET', '/channels')))[0]!.id;
  await untilConnected(a, A.channelId);
  A.contact = await ok(a<ContactDto>('POST', '/contacts', { phone: '081377711111', name: 'Pelanggan A', labels: ['rahasia-a'], attributes: { kota: 'Malang' } }), 201);
  A.templateId = (await ok(a<TemplateDto>('POST', '/templates', { name: 'Template A', body: 'Halo {{name}} dari A' }), 201)).id;
  A.importId = (await ok(uploadContacts(a, 'a.csv', 'nama,telepon\nImpor A,081377722222\nRusak,123\n'), 201)).id;
  A.draftId = (await ok(a<CampaignDto>('POST', '/campaigns', { name: 'Draf A', channelId: A.channelId, body: 'Halo A', audience: { type: 'all' } }), 201)).id;
  A.pausedId = (await ok(a<CampaignDto>('POST', '/campaigns', { name: 'Jeda A', channelId: A.channelId, body: 'Promo A', audience: { type: 'labels', labels: [DEMO_LABEL] } }), 201)).id;
  await ok(a('POST', `/campaigns/${A.pausedId}/start`));
  expect((await ok(a<CampaignDto>('POST', `/campaigns/${A.pausedId}/pause`))).status).toBe('paused');
  const phones = await ok(a<Array<{ phone: string; onWhatsApp: boolean }>>('GET', '/sandbox/phones'));
  A.phone = phones.find((p) => p.onWhatsApp)!.phone;
  await ok(a('POST', `/sandbox/phones/${encodeURIComponent(A.phone)}/messages`, { channelId: A.channelId, text: 'Halo toko A' }));
  A.conversationId = await waitFor(async () => (await ok(a<Conversation[]>('GET', '/conversations'))).find((c) => c.phone === A.phone)?.id);

  // Shop B: its own owner, virtual customers, channel, contact, template, import, campaign, conversation.
  const shopB = await addTenant(k, 'Toko Kedua', 'pemilik@toko-kedua.test', 'kedua-rahasia-789');
  b = shopB.api;
  bTenantId = shopB.tenantId;
  const aPhones = new Set(phones.map((p) => p.phone));
  const bCustomers = makeVirtualCustomers('toko-kedua', 3).filter((c) => !aPhones.has(c.phone));
  await k.sandboxStore.savePhonesFor(bTenantId, bCustomers);
  B.phone = bCustomers.find((c) => c.onWhatsApp)!.phone;
  const channel = await ok(b<ChannelDto>('POST', '/channels', { name: 'WhatsApp Toko Kedua' }), 201);
  B.channelId = channel.id;
  await waitFor(async () => ((await b<{ scanned: boolean }>('POST', `/sandbox/channels/${B.channelId}/scan`)).body.scanned ? true : undefined));
  await untilConnected(b, B.channelId);
  // The same phone as A's contact: a separate contact in B.
  B.contactId = (await ok(b<ContactDto>('POST', '/contacts', { phone: A.contact.phone, name: 'Pelanggan B' }), 201)).id;
  B.templateId = (await ok(b<TemplateDto>('POST', '/templates', { name: 'Template B', body: 'Halo dari B' }), 201)).id;
  const bImport = await ok(uploadContacts(b, 'b.csv', `nama,telepon\nImpor B,${B.phone}\n`), 201);
  B.importId = bImport.id;
  B.campaignId = (await ok(b<CampaignDto>('POST', '/campaigns', { name: 'Kampanye B', channelId: B.channelId, body: 'Halo B', audience: { type: 'all' } }), 201)).id;
  await ok(b('POST', `/sandbox/phones/${encodeURIComponent(B.phone)}/messages`, { channelId: B.channelId, text: 'Halo toko B' }));
  B.conversationId = await waitFor(async () => (await ok(b<Conversation[]>('GET', '/conversations')))[0]?.id);
});
afterAll(async () => k?.close());

describe('two shops in one database', () => {
  it('each owner signs in to their own shop', async () => {
    expect((await ok(b<TenantDto>('GET', '/tenant'))).name).toBe('Toko Kedua');
    expect((await ok(a<TenantDto>('GET', '/tenant'))).name).toBe('Toko Contoh');
    expect((await ok(b<{ user: { tenantId: string } }>('GET', '/auth/me'))).user.tenantId).toBe(bTenantId);
  });

  it("B's lists never contain A's rows", async () => {
    const contacts = await ok(b<Page>('GET', '/contacts?pageSize=200'));
    expect(contacts.items.map((c) => c.name).sort()).toEqual(['Impor B', 'Pelanggan B']);
    expect(contacts.total).toBe(2);
    expect((await ok(b<Page>('GET', `/contacts?label=${DEMO_LABEL}`))).total).toBe(0);
    expect((await ok(b<Page>('GET', '/contacts?search=Pelanggan%20A'))).total).toBe(0);
    expect(await ok(b('GET', '/contacts/labels'))).toEqual([]);
    expect((await ok(b<TemplateDto[]>('GET', '/templates'))).map((t) => t.id)).toEqual([B.templateId]);
    expect((await ok(b<CampaignDto[]>('GET', '/campaigns'))).map((c) => c.id)).toEqual([B.campaignId]);
    expect(await ok(b<CampaignDto[]>('GET', '/campaigns?status=paused'))).toEqual([]);
    expect((await ok(b<ChannelDto[]>('GET', '/channels'))).map((c) => c.id)).toEqual([B.channelId]);
    expect((await ok(b<Conversation[]>('GET', '/conversations'))).map((c) => c.id)).toEqual([B.conversationId]);
    expect((await ok(b<ImportSummary[]>('GET', '/contacts/imports'))).map((i) => i.id)).toEqual([B.importId]);
    const bPhones = (await ok(b<Array<{ phone: string }>>('GET', '/sandbox/phones'))).map((p) => p.phone);
    expect(bPhones).toContain(B.phone);
    expect(bPhones).not.toContain(A.phone);
    // And A's lists hold nothing of B's.
    expect((await ok(a<ChannelDto[]>('GET', '/channels'))).map((c) => c.id)).not.toContain(B.channelId);
    expect((await ok(a<Page>('GET', '/contacts?search=Pelanggan%20B'))).total).toBe(0);
  });

  it("every route that takes an id answers B with 404 for A's ids, like for an unknown id, and A's data stays as it was", async () => {
    const before = await snapshotOfA();
    const unknown = '00000000-0000-4000-8000-00000000abcd';
    const ph = (p: string) => encodeURIComponent(p);
    const attempts: Array<{ method: Method; path: string; payload?: unknown }> = [
      { method: 'GET', path: `/contacts/${A.contact.id}` },
      { method: 'PATCH', path: `/contacts/${A.contact.id}`, payload: { name: PROBE, optedOut: true, labels: [PROBE] } },
      { method: 'DELETE', path: `/contacts/${A.contact.id}` },
      { method: 'GET', path: `/contacts/imports/${A.importId}` },
      { method: 'GET', path: `/contacts/imports/${A.importId}/errors` },
      { method: 'GET', path: `/contacts/imports/${A.importId}/errors?format=csv` },
      { method: 'GET', path: `/templates/${A.templateId}` },
      { method: 'PUT', path: `/templates/${A.templateId}`, payload: { name: PROBE, body: PROBE } },
      { method: 'DELETE', path: `/templates/${A.templateId}` },
      { method: 'GET', path: `/campaigns/${A.draftId}` },
      { method: 'PATCH', path: `/campaigns/${A.draftId}`, payload: { name: PROBE, body: PROBE } },
      { method: 'POST', path: `/campaigns/${A.draftId}/start` },
      { method: 'POST', path: `/campaigns/${A.draftId}/schedule`, payload: { at: new Date(Date.now() + 3_600_000).toISOString() } },
      { method: 'POST', path: `/campaigns/${A.draftId}/pause` },
      { method: 'POST', path: `/campaigns/${A.draftId}/cancel` },
      { method: 'POST', path: `/campaigns/${A.pausedId}/resume` },
      { method: 'POST', path: `/campaigns/${A.pausedId}/pause` },
      { method: 'POST', path: `/campaigns/${A.pausedId}/cancel` },
      { method: 'POST', path: `/campaigns/${A.pausedId}/retry-failed` },
      { method: 'GET', path: `/campaigns/${A.pausedId}/recipients` },
      { method: 'PATCH', path: `/campaigns/${A.pausedId}`, payload: { name: PROBE } },
      { method: 'GET', path: `/channels/${A.channelId}` },
      { method: 'PATCH', path: `/channels/${A.channelId}`, payload: { name: PROBE, pacingPreset: 'off' } },
      { method: 'POST', path: `/channels/${A.channelId}/connect` },
      { method: 'POST', path: `/channels/${A.channelId}/disconnect` },
      { method: 'POST', path: `/channels/${A.channelId}/logout` },
      { method: 'POST', path: `/channels/${A.channelId}/pairing-code`, payload: { phone: '+6281234567890' } },
      { method: 'POST', path: `/channels/${A.channelId}/templates/sync` },
      { method: 'GET', path: `/channels/${A.channelId}/templates` },
      { method: 'GET', path: `/channels/${A.channelId}/health` },
      { method: 'GET', path: `/conversations/${A.conversationId}/messages` },
      { method: 'GET', path: `/sandbox/phones/${ph(A.phone)}/messages` },
      // A's customer writing to B's channel, and B's customer writing to A's channel.
      { method: 'POST', path: `/sandbox/phones/${ph(A.phone)}/messages`, payload: { channelId: B.channelId, text: PROBE } },
      { method: 'POST', path: `/sandbox/phones/${ph(B.phone)}/messages`, payload: { channelId: A.channelId, text: PROBE } },
      { method: 'POST', path: `/sandbox/channels/${A.channelId}/scan` },
      { method: 'POST', path: `/sandbox/channels/${A.channelId}/faults`, payload: { type: 'ban' } },
      { method: 'POST', path: `/sandbox/channels/${A.channelId}/faults`, payload: { type: 'logout' } },
      // Previews must not render A's template or A's contact either.
      { method: 'POST', path: '/templates/preview', payload: { templateId: A.templateId } },
      { method: 'POST', path: '/templates/preview', payload: { body: 'Halo {{name}} {{kota}}', contactId: A.contact.id } },
    ];
    // Every route with an id in its path is attempted above.
    const withId = API_ROUTES.filter((r) => r.path.includes(':')).map(routeKey);
    const attempted = new Set(attempts.map((x) => `${x.method} ${x.path.split('?')[0]!.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/, ':id').replace(/\/%2B\d+\//, '/:phone/')}`));
    expect(withId.filter((r) => !attempted.has(r))).toEqual([]);

    for (const x of attempts) {
      const r = await b(x.method, x.path, x.payload);
      const asUnknown = await b(x.method, x.path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/, unknown), x.payload);
      expect({ attempt: `${x.method} ${x.path}`, status: r.status, code: errorOf(r)?.code }).toEqual({
        attempt: `${x.method} ${x.path}`,
        status: 404,
        code: expect.stringMatching(/_not_found$/),
      });
      // Same answer as for an id that exists nowhere: B cannot probe for A's ids.
      if (!x.path.startsWith('/sandbox/phones')) expect(r.body, `${x.method} ${x.path}`).toEqual(asUnknown.body);
    }

    expect(await snapshotOfA()).toEqual(before);
    const thread = await ok(a<Array<{ text: string | null }>>('GET', `/conversations/${A.conversationId}/messages`));
    expect(thread.map((m) => m.text)).not.toContain(PROBE);
    const received = await ok(a<PhoneMessage[]>('GET', `/sandbox/phones/${ph(A.phone)}/messages`));
    expect(received.map((m) => m.text)).not.toContain(PROBE);
    expect((await ok(a<ChannelDto>('GET', `/channels/${A.channelId}`))).status).toBe('connected');
  });

  it("bulk endpoints with A's ids change nothing in A", async () => {
    const before = await ok(a<ContactDto>('GET', `/contacts/${A.contact.id}`));
    expect(await ok(b('POST', '/contacts/bulk-label', { contactIds: [A.contact.id], add: [PROBE], remove: ['rahasia-a'] }))).toEqual({ updated: 0 });
    expect(await ok(b('POST', '/contacts/bulk-delete', { contactIds: [A.contact.id] }))).toEqual({ deleted: 0 });
    // Mixed with B's own id: only B's contact is touched.
    expect(await ok(b('POST', '/contacts/bulk-label', { contactIds: [A.contact.id, B.contactId], add: ['vip-b'] }))).toEqual({ updated: 1 });
    expect((await ok(b<ContactDto>('GET', `/contacts/${B.contactId}`))).labels).toEqual(['vip-b']);
    expect(await ok(a<ContactDto>('GET', `/contacts/${A.contact.id}`))).toEqual(before);
    const labelsOfA = await ok(a<Array<{ label: string }>>('GET', '/contacts/labels'));
    expect(labelsOfA.map((l) => l.label)).not.toContain('vip-b');
    expect(labelsOfA.map((l) => l.label)).not.toContain(PROBE);
  });

  it("a campaign of B cannot use A's channel, template or import (400 naming the field)", async () => {
    const base = { name: 'Curang', channelId: B.channelId, body: 'Halo', audience: { type: 'all' } };
    const cases: Array<[unknown, string, string]> = [
      [{ ...base, channelId: A.channelId }, 'channel_not_found', 'channelId'],
      [{ ...base, audience: { type: 'import', importId: A.importId } }, 'import_not_found', 'audience.importId'],
      [{ ...base, body: undefined, templateId: A.templateId }, 'template_not_found', 'templateId'],
    ];
    for (const [payload, code, field] of cases) {
      const r = await b('POST', '/campaigns', payload);
      expect(r.status, r.text).toBe(400);
      expect(errorOf(r).code).toBe(code);
      expect(Object.keys(errorOf(r).fields ?? {})).toEqual([field]);
    }
    const patches: Array<[unknown, string]> = [
      [{ channelId: A.channelId }, 'channelId'],
      [{ audience: { type: 'import', importId: A.importId } }, 'audience.importId'],
    ];
    for (const [payload, field] of patches) {
      const r = await b('PATCH', `/campaigns/${B.campaignId}`, payload);
      expect(r.status, r.text).toBe(400);
      expect(Object.keys(errorOf(r).fields ?? {})).toEqual([field]);
    }
    const mine = await ok(b<CampaignDto>('GET', `/campaigns/${B.campaignId}`));
    expect(mine.channelId).toBe(B.channelId);
    expect(mine.audience).toEqual({ type: 'all' });
    expect((await ok(b<CampaignDto[]>('GET', '/campaigns'))).length).toBe(1);
  });

  it("an import in B with A's phone creates B's own contact and leaves A's alone", async () => {
    const before = await ok(a<ContactDto>('GET', `/contacts/${A.contact.id}`));
    const summary = await ok(uploadContacts(b, 'b2.csv', `nama,telepon,kota\nNama Dari B,${A.contact.phone},Bandung\n`, { labels: 'impor-b' }), 201);
    // B already has its own contact with that phone: merged into it, not into A's.
    expect(summary).toMatchObject({ created: 0, merged: 1, rejected: 0 });
    const inB = await ok(b<Page>(`GET`, `/contacts?search=${encodeURIComponent(A.contact.phone)}`));
    expect(inB.items.map((c) => c.id)).toEqual([B.contactId]);
    expect(inB.items[0]!.attributes).toEqual({ kota: 'Bandung' });
    expect(await ok(a<ContactDto>('GET', `/contacts/${A.contact.id}`))).toEqual(before);
  });

  it("A's sandbox phone view never shows what B's channel sent", async () => {
    const contact = await ok(b<ContactDto>('POST', '/contacts', { phone: A.phone, labels: ['nomor-a'] }), 201);
    const c = await ok(b<CampaignDto>('POST', '/campaigns', { name: 'Ke nomor A', channelId: B.channelId, body: PROBE, audience: { type: 'labels', labels: ['nomor-a'] } }), 201);
    await ok(b('POST', `/campaigns/${c.id}/start`));
    await waitFor(async () => ((await ok(b<CampaignDto>('GET', `/campaigns/${c.id}`))).status === 'completed' ? true : undefined));
    await ok(b('DELETE', `/contacts/${contact.id}`), 204);
    const seenByA = await ok(a<Array<PhoneMessage & { channelId?: string }>>('GET', `/sandbox/phones/${encodeURIComponent(A.phone)}/messages`));
    expect(seenByA.map((m) => m.text)).not.toContain(PROBE);
    expect(seenByA.map((m) => m.channelId)).not.toContain(B.channelId);
  });

  it("starting B's campaign to everyone reaches only B's contacts", async () => {
    const started = await ok(b<CampaignDto>('POST', `/campaigns/${B.campaignId}/start`));
    expect(started.counts.total).toBe((await ok(b<Page>('GET', '/contacts?pageSize=1'))).total);
    const recipients = await ok(b<Array<{ contactId: string }>>('GET', `/campaigns/${B.campaignId}/recipients?pageSize=500`));
    const ownIds = (await ok(b<Page>('GET', '/contacts?pageSize=200'))).items.map((c) => c.id);
    expect(recipients.map((r) => r.contactId).sort()).toEqual(ownIds.sort());
  });
});
