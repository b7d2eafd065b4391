/**
 * `kabar … --outlet <name or id>` (issue 13): a CLI command acts as staff limited to that
 * outlet, through the same services and checks as the API; an unknown outlet is refused
 * naming it, with a non-zero exit code.
 */
import { Readable } from "node:stream";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { CliError, describeError } from "../src/cli/errors.js";
import { actorOfOutlet } from "../src/cli/outlet.js";
import { buildProgram } from "../src/cli/program.js";
import { resolveTenant } from "../src/cli/tenant.js";
import type { Actor } from "../src/lib/actor.js";
import { factory } from "./support/factory.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";

let k: TestKabar;
let owner: Actor;
const outlet = { a: "", b: "" };
const channel = { a: "", b: "" };

beforeAll(async () => {
  k = await startTestKabar();
  owner = (await resolveTenant(k.database.db, k.owner.tenantId)).actor;
  outlet.a = (await k.services.outlets.create(owner, { name: "Cabang Solo" })).id;
  outlet.b = (await k.services.outlets.create(owner, { name: "Cabang Medan" })).id;
  channel.a = (await factory(k).channel({ outletId: outlet.a, name: "WA Solo" })).id;
  channel.b = (await factory(k).channel({ outletId: outlet.b, name: "WA Medan" })).id;
});
afterAll(async () => k?.close());

describe("kabar … --outlet", () => {
  it("acts as staff of that outlet, named by name (any case) or id: its numbers, its imports, its customers", async () => {
    const solo = await actorOfOutlet(k.services, owner, "cabang solo");
    expect(solo.outletIds).toEqual([outlet.a]);
    expect((await actorOfOutlet(k.services, owner, outlet.b)).outletIds).toEqual([outlet.b]);
    expect((await k.services.channels.list(solo)).map((c) => c.id)).toContain(channel.a);
    expect((await k.services.channels.list(solo)).map((c) => c.id)).not.toContain(channel.b);
    const phone = factory(k).phone();
    const summary = await k.services.imports.run(solo, Readable.from([`nama,telepon\nSari,${phone}\n`]), {
      filename: "solo.csv",
    });
    expect(summary.created).toBe(1);
    const medan = await actorOfOutlet(k.services, owner, "Cabang Medan");
    expect((await k.services.imports.list(solo)).map((i) => i.id)).toContain(summary.id);
    expect((await k.services.imports.list(medan)).map((i) => i.id)).not.toContain(summary.id);
    const c = await k.services.campaigns.create(solo, {
      name: "Promo Solo",
      channelId: channel.a,
      body: "Halo",
      audience: { type: "all" },
    });
    expect(c.audience).toEqual({ type: "all", outletIds: [outlet.a] });
    const onMedan = k.services.campaigns.create(solo, {
      name: "Curang",
      channelId: channel.b,
      body: "Halo",
      audience: { type: "all" },
    });
    await expect(onMedan).rejects.toMatchObject({ code: "unknown_channel" });
  });

  it("refuses an unknown outlet naming it and listing the shop's, with exit code 1", async () => {
    const attempt = actorOfOutlet(k.services, owner, "Cabang Bali");
    await expect(attempt).rejects.toThrow(CliError);
    const err = await attempt.catch((e: unknown) => e);
    const { text, exitCode } = describeError(err);
    expect(text).toMatch(/no outlet "Cabang Bali"/);
    expect(text).toContain("Cabang Solo");
    expect(exitCode).toBe(1);
  });
});

describe("the command line", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    process.exitCode = undefined;
    vi.restoreAllMocks();
  });

  /** Runs `kabar <args>` against the test database; its stdout, stderr and exit code. */
  async function kabar(...args: string[]): Promise<{ out: string; err: string; code: number }> {
    process.env.DATABASE_URL = k.config.DATABASE_URL;
    process.env.KABAR_SECRET_KEY = "a".repeat(64);
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((s) => out.push(String(s)) > 0);
    vi.spyOn(process.stderr, "write").mockImplementation((s) => err.push(String(s)) > 0);
    await buildProgram().parseAsync(["node", "kabar", "--tenant", k.owner.tenantId, ...args]);
    const code = Number(process.exitCode ?? 0);
    vi.restoreAllMocks();
    return { out: out.join(""), err: err.join(""), code };
  }

  it("`channels list --outlet` lists that outlet's numbers only; an unknown outlet exits 1 naming it", async () => {
    const solo = await kabar("channels", "list", "--outlet", "Cabang Solo");
    expect(solo.code, solo.err).toBe(0);
    expect(solo.out).toContain("WA Solo");
    expect(solo.out).not.toContain("WA Medan");
    const unknown = await kabar("campaign", "list", "--outlet", "Cabang Bali");
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/no outlet "Cabang Bali"/);
  });
});
