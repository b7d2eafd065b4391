import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

describe("loadConfig", () => {
  it("has working defaults: embedded database, port 3000, WIB demo", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      PORT: 3000,
      HOST: "127.0.0.1",
      KABAR_ROLE: "all",
      KABAR_SEED_DEMO: true,
      KABAR_SANDBOX_TIME_SCALE: 1,
    });
    expect(c.DATABASE_URL).toBeUndefined();
  });

  it("lets strangers' numbers answer in the sandbox by default, never when asked", () => {
    expect(loadConfig({}).KABAR_SANDBOX_STRANGERS_REPLY).toBe(true);
    expect(loadConfig({ KABAR_SANDBOX_STRANGERS_REPLY: "false" }).KABAR_SANDBOX_STRANGERS_REPLY).toBe(false);
  });

  it("plays WhatsApp's new-chat cap on sandbox numbers by default (issue 15), off when asked", () => {
    expect(loadConfig({}).KABAR_SANDBOX_NEW_CHAT_CAP).toBe(true);
    expect(loadConfig({ KABAR_SANDBOX_NEW_CHAT_CAP: "false" }).KABAR_SANDBOX_NEW_CHAT_CAP).toBe(false);
  });

  it("seeds the demo's sandbox Cloud API number by default, not when asked", () => {
    expect(loadConfig({}).KABAR_SEED_CLOUD_SANDBOX).toBe(true);
    expect(loadConfig({ KABAR_SEED_CLOUD_SANDBOX: "false" }).KABAR_SEED_CLOUD_SANDBOX).toBe(false);
  });

  it("seeds the demo's catalogue and order history by default, not when asked", () => {
    expect(loadConfig({}).KABAR_SEED_ORDERS).toBe(true);
    expect(loadConfig({ KABAR_SEED_ORDERS: "false" }).KABAR_SEED_ORDERS).toBe(false);
  });

  it("limits each API key to 600 requests a minute by default; KABAR_API_KEY_RATE changes it, a bad value is named", () => {
    expect(loadConfig({}).KABAR_API_KEY_RATE).toBe(600);
    expect(loadConfig({ KABAR_API_KEY_RATE: "100000" }).KABAR_API_KEY_RATE).toBe(100_000);
    expect(() => loadConfig({ KABAR_API_KEY_RATE: "0" })).toThrow(/KABAR_API_KEY_RATE/);
  });

  it("treats empty variables as unset", () => {
    expect(loadConfig({ DATABASE_URL: "", PORT: "" }).PORT).toBe(3000);
  });

  it("stops with a message naming every bad variable", () => {
    let err: unknown;
    try {
      loadConfig({
        PORT: "tiga ribu",
        DATABASE_URL: "mysql://x",
        KABAR_ROLE: "admin",
        KABAR_SEED_DEMO: "mungkin",
      });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const names = (err as ConfigError).issues.map((i) => i.variable).sort();
    expect(names).toEqual(["DATABASE_URL", "KABAR_ROLE", "KABAR_SEED_DEMO", "PORT"]);
    expect((err as Error).message).toMatch(/PORT: /);
  });

  it("reads the operator-level outbound settings: Meta’s Graph host and no private host by default", () => {
    expect(loadConfig({})).toMatchObject({
      KABAR_CLOUD_API_BASE_URL: "https://graph.facebook.com",
      KABAR_OUTBOUND_ALLOW_HOSTS: [],
    });
    const c = loadConfig({
      KABAR_CLOUD_API_BASE_URL: "http://127.0.0.1:8123/",
      KABAR_OUTBOUND_ALLOW_HOSTS: "127.0.0.1:8123, localhost",
    });
    expect(c).toMatchObject({
      KABAR_CLOUD_API_BASE_URL: "http://127.0.0.1:8123",
      KABAR_OUTBOUND_ALLOW_HOSTS: ["127.0.0.1:8123", "localhost"],
    });
    expect(() => loadConfig({ KABAR_CLOUD_API_BASE_URL: "ftp://x" })).toThrow(/KABAR_CLOUD_API_BASE_URL/);
    expect(() => loadConfig({ KABAR_OUTBOUND_ALLOW_HOSTS: "http://x/y" })).toThrow(
      /KABAR_OUTBOUND_ALLOW_HOSTS/,
    );
  });

  it("reads Meta's rates: Indonesia by default, KABAR_META_RATES merged over it, a bad value named", () => {
    expect(loadConfig({}).KABAR_META_RATES).toEqual({
      "62": { MARKETING: 586.33, UTILITY: 356.65, AUTHENTICATION: 356.65 },
    });
    expect(
      loadConfig({ KABAR_META_RATES: '{"62":{"MARKETING":150},"*":{"MARKETING":900}}' }).KABAR_META_RATES,
    ).toEqual({
      "62": { MARKETING: 150, UTILITY: 356.65, AUTHENTICATION: 356.65 },
      "*": { MARKETING: 900 },
    });
    expect(() => loadConfig({ KABAR_META_RATES: "{62:1}" })).toThrow(/KABAR_META_RATES: must be JSON/);
    expect(() => loadConfig({ KABAR_META_RATES: '{"62":{"MARKETING":"mahal"}}' })).toThrow(
      /KABAR_META_RATES/,
    );
  });
});
