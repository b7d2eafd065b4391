import { FakeWhatsApp } from '../../src/channels/baileys/testing.js';
import type { TransportOptions } from '../../src/channels/kinds.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/**
 * A fetch that only reaches this machine's loopback: anything else fails like a network
 * without DNS, so a test can never call Meta (or any outside host).
 */
export const loopbackFetch: typeof fetch = async (input, init) => {
  const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
  if (!LOOPBACK.has(url.hostname)) throw new TypeError(`fetch failed: ${url.hostname} is outside the test network`);
  return fetch(input, init);
};

/**
 * Real transports for tests with no way out: Baileys channels get a fake socket on a fake
 * WhatsApp (never web.whatsapp.com), Cloud API channels a loopback-only fetch.
 */
export function offlineTransports(): TransportOptions {
  const whatsapp = new FakeWhatsApp();
  return { baileys: { makeSocket: whatsapp.makeSocket, downloadMedia: whatsapp.downloadMedia }, cloudApi: { fetch: loopbackFetch } };
}
