import { describe, expect, it } from "vitest";
import { proto } from "baileys";
import { SealedAuthState, isLinked } from "./auth-state.js";
import { MemoryAuthRows, TEST_SECRET_KEY } from "./testing.js";

const CHANNEL = "3f1c2a4e-0000-4000-8000-000000000001";

describe("SealedAuthState", () => {
  it("starts from fresh creds, then reads back what it saved (Buffers included)", async () => {
    const rows = new MemoryAuthRows();
    const first = await SealedAuthState.load(rows, TEST_SECRET_KEY, CHANNEL);
    expect(isLinked(first.creds)).toBe(false);
    Object.assign(first.creds, {
      me: { id: "6281100000001:7@s.whatsapp.net", name: "Toko" },
      account: { details: Buffer.from([9, 8, 7]) },
    });
    await first.saveCreds();

    const again = await SealedAuthState.load(rows, TEST_SECRET_KEY, CHANNEL);
    expect(again.creds.me).toEqual({ id: "6281100000001:7@s.whatsapp.net", name: "Toko" });
    expect(Buffer.isBuffer(again.creds.noiseKey.private)).toBe(true);
    expect(again.creds.noiseKey.private).toEqual(first.creds.noiseKey.private);
    expect(again.creds.advSecretKey).toBe(first.creds.advSecretKey);
    expect(isLinked(again.creds)).toBe(true);
  });

  it("stores sealed bytes: no plaintext, bound to the channel id", async () => {
    const rows = new MemoryAuthRows();
    const state = await SealedAuthState.load(rows, TEST_SECRET_KEY, CHANNEL);
    await state.saveCreds();
    const sealed = rows.rows.get("creds/")!;
    expect(sealed.includes(Buffer.from(state.creds.advSecretKey))).toBe(false);
    expect(sealed.includes(Buffer.from("registrationId"))).toBe(false);
    await expect(SealedAuthState.load(rows, Buffer.alloc(32, 1), CHANNEL)).rejects.toThrow(
      /KABAR_SECRET_KEY/,
    );
    await expect(SealedAuthState.load(rows, TEST_SECRET_KEY, "another-channel")).rejects.toThrow(
      /cannot be decrypted/,
    );
  });

  it("writes one keys.set batch in one put, and null deletes", async () => {
    const rows = new MemoryAuthRows();
    const { keys } = await SealedAuthState.load(rows, TEST_SECRET_KEY, CHANNEL);
    const pair = { public: Buffer.from([1, 2]), private: Buffer.from([3, 4]) };
    await keys.set({ "pre-key": { "1": pair, "2": pair }, session: { "a.0": Buffer.from("session-bytes") } });
    expect(rows.batches).toHaveLength(1);
    expect(rows.batches[0]!.map((r) => `${r.kind}/${r.id}`)).toEqual([
      "pre-key/1",
      "pre-key/2",
      "session/a.0",
    ]);
    expect(await keys.get("pre-key", ["1", "3"])).toEqual({ "1": pair });
    expect(await keys.get("session", ["a.0"])).toEqual({ "a.0": Buffer.from("session-bytes") });

    await keys.set({ "pre-key": { "1": null } });
    expect(rows.batches).toHaveLength(2);
    expect(await keys.get("pre-key", ["1", "2"])).toEqual({ "2": pair });
  });

  it("revives app-state-sync-key as the protobuf Baileys expects", async () => {
    const rows = new MemoryAuthRows();
    const { keys } = await SealedAuthState.load(rows, TEST_SECRET_KEY, CHANNEL);
    await keys.set({ "app-state-sync-key": { AAA: { keyData: Buffer.from([5, 6]), timestamp: 12 } } });
    const got = (await keys.get("app-state-sync-key", ["AAA"])).AAA;
    expect(got).toBeInstanceOf(proto.Message.AppStateSyncKeyData);
    expect(Buffer.from(got!.keyData!)).toEqual(Buffer.from([5, 6]));
  });

  it("treats an unreadable key as absent and reports it", async () => {
    const rows = new MemoryAuthRows();
    const reported: string[] = [];
    const { keys } = await SealedAuthState.load(rows, TEST_SECRET_KEY, CHANNEL, (kind, id) =>
      reported.push(`${kind}/${id}`),
    );
    rows.rows.set("session/x", Buffer.from("not sealed at all, long enough to be opened"));
    expect(await keys.get("session", ["x"])).toEqual({});
    expect(reported).toEqual(["session/x"]);
  });

  it("wipe() deletes every row and starts over from fresh creds", async () => {
    const rows = new MemoryAuthRows();
    const state = await SealedAuthState.load(rows, TEST_SECRET_KEY, CHANNEL);
    const before = state.creds;
    await state.saveCreds();
    await state.keys.set({ "pre-key": { "1": { public: Buffer.from([1]), private: Buffer.from([2]) } } });
    await state.wipe();
    expect(rows.rows.size).toBe(0);
    expect(state.creds).not.toBe(before);
    expect(state.creds.advSecretKey).not.toBe(before.advSecretKey);
  });
});
