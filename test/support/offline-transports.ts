import { FakeWhatsApp } from "../../src/channels/baileys/testing.js";
import type { TransportOptions } from "../../src/channels/kinds.js";

/**
 * Real transports for tests with no way out: Baileys channels get a fake socket on a fake
 * WhatsApp (never web.whatsapp.com). Cloud API channels reach no outside host either:
 * startTestKabar points KABAR_CLOUD_API_BASE_URL at a loopback address the outbound guard
 * refuses, unless a test gives a fake Graph's `operatorEnv`.
 */
export function offlineTransports(): TransportOptions {
  const whatsapp = new FakeWhatsApp();
  return { baileys: { makeSocket: whatsapp.makeSocket, downloadMedia: whatsapp.downloadMedia } };
}
