import { describe, expect, it } from "vitest";
import type { LiveRule } from "./queries/rules.js";
import { RULE_CACHE_TTL_MS, cachedRules, invalidateRules } from "./rule-cache.js";

const rule = (id: string) => ({ id }) as unknown as LiveRule;

/** A loader that counts its calls and returns the given rules. */
function loader(rules: LiveRule[]) {
  const calls = { n: 0 };
  return {
    calls,
    load: async () => {
      calls.n++;
      return rules;
    },
  };
}

describe("the per-process rule cache", () => {
  it("reads a tenant’s rules once for messages arriving together and within the TTL", async () => {
    const tenant = crypto.randomUUID();
    const { calls, load } = loader([rule("a")]);
    const t = 1_000_000;
    const [a, b] = await Promise.all([cachedRules(tenant, load, t), cachedRules(tenant, load, t)]);
    expect(await cachedRules(tenant, load, t + RULE_CACHE_TTL_MS - 1)).toEqual([rule("a")]);
    expect(a).toBe(b);
    expect(calls.n).toBe(1);
  });

  it("reads again after a rule write in this process, and after the TTL (a write in another process)", async () => {
    const tenant = crypto.randomUUID();
    const first = loader([]);
    const t = 2_000_000;
    expect(await cachedRules(tenant, first.load, t)).toEqual([]);
    invalidateRules(tenant);
    const second = loader([rule("new")]);
    expect(await cachedRules(tenant, second.load, t)).toEqual([rule("new")]);
    const third = loader([rule("other process")]);
    expect(await cachedRules(tenant, third.load, t + RULE_CACHE_TTL_MS)).toEqual([rule("other process")]);
    expect([first.calls.n, second.calls.n, third.calls.n]).toEqual([1, 1, 1]);
  });

  it("does not keep a load that started before a write, nor a failed load, nor mix tenants", async () => {
    const tenant = crypto.randomUUID();
    let release!: (r: LiveRule[]) => void;
    const stale = cachedRules(tenant, () => new Promise((r) => (release = r)), 3_000_000);
    invalidateRules(tenant); // the write commits while the load is under way
    release([rule("old")]);
    expect(await stale).toEqual([rule("old")]);
    expect(await cachedRules(tenant, async () => [rule("fresh")], 3_000_000)).toEqual([rule("fresh")]);

    const failing = crypto.randomUUID();
    await expect(
      cachedRules(failing, async () => Promise.reject(new Error("db down")), 3_000_000),
    ).rejects.toThrow("db down");
    expect(await cachedRules(failing, async () => [rule("recovered")], 3_000_000)).toEqual([
      rule("recovered"),
    ]);
    expect(await cachedRules(crypto.randomUUID(), async () => [], 3_000_000)).toEqual([]);
  });
});
