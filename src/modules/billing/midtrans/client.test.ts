import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configureOutbound } from "../../../lib/outbound/index.js";
import { createMidtransClient } from "./client.js";
import { type FakeMidtrans, startFakeMidtrans } from "./fake/server.js";

let fake: FakeMidtrans;
beforeAll(async () => {
  fake = await startFakeMidtrans();
  configureOutbound({ allowPrivateHosts: [fake.host] });
});
afterAll(async () => {
  configureOutbound({ allowPrivateHosts: [] });
  await fake.close();
});

const tx = (orderId: string, grossAmount = 150_000) => ({
  orderId,
  grossAmount,
  items: [{ id: "basic", price: 150_000, quantity: 1, name: "Basic (bulanan)" }],
  customer: { firstName: "Bu Sari", email: "sari@toko.test" },
  finishUrl: "http://127.0.0.1:3000/billing?payment=x",
});

describe("the Midtrans client against the fake Midtrans", () => {
  it("creates a Snap transaction (201 token, redirect_url) and reads its status once chosen", async () => {
    const client = createMidtransClient({
      serverKey: fake.serverKey,
      isProduction: false,
      baseUrl: fake.baseUrl,
    });
    const snap = await client.createTransaction(tx("KBR-T-1"));
    expect(snap.redirectUrl).toBe(`${fake.baseUrl}/snap/v4/redirection/${snap.token}`);
    expect(await client.status("KBR-T-1")).toMatchObject({ found: false });
    fake.setStatus("KBR-T-1", "settlement");
    expect(await client.status("KBR-T-1")).toEqual({
      found: true,
      orderId: "KBR-T-1",
      transactionStatus: "settlement",
      fraudStatus: "accept",
      grossAmount: "150000.00",
    });
  });

  it("refuses with Midtrans' error_messages: a wrong server key (401), items not summing to the amount (400)", async () => {
    const wrong = createMidtransClient({
      serverKey: "SB-Mid-server-wrong",
      isProduction: false,
      baseUrl: fake.baseUrl,
    });
    await expect(wrong.createTransaction(tx("KBR-T-2"))).rejects.toThrow(/HTTP 401: Access denied/);
    const client = createMidtransClient({
      serverKey: fake.serverKey,
      isProduction: false,
      baseUrl: fake.baseUrl,
    });
    await expect(client.createTransaction(tx("KBR-T-3", 1))).rejects.toThrow(
      /HTTP 400: .*sum of item_details/,
    );
  });

  it("never reaches a host the outbound guard refuses (Midtrans unreachable)", async () => {
    const client = createMidtransClient({
      serverKey: "k",
      isProduction: false,
      baseUrl: "http://127.0.0.1:9",
    });
    await expect(client.createTransaction(tx("KBR-T-4"))).rejects.toThrow(/unreachable/);
  });
});
