/**
 * The Cloud API base URL is no SSRF: a shop's request cannot name a Graph host (only
 * Meta's own is accepted, and not stored), a base URL stored by an older version is
 * ignored, and whatever listens behind an address the user sees the same neutral text.
 * The operator's fake Graph (KABAR_CLOUD_API_BASE_URL + KABAR_OUTBOUND_ALLOW_HOSTS) still works.
 */
import { createServer, type Server } from "node:http";
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GraphClient } from "../src/channels/cloud-api/client.js";
import { toTransportError } from "../src/channels/cloud-api/errors.js";
import { channels } from "../src/db/schema/index.js";
import { configureOutbound } from "../src/lib/outbound/index.js";
import type { ChannelDto } from "../src/modules/channels/schemas.js";
import { apiClient, errorOf, ok, type Api } from "./support/api.js";
import { untilChannelStatus } from "./support/channels.js";
import { cloudTransport, createCloudChannel } from "./support/cloud-api.js";
import { FakeGraph } from "./support/fake-graph.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";

let k: TestKabar;
let api: Api;
let graph: FakeGraph;
/** Records every request: what an attacker's chosen host would have received. */
let trap: Server;
const trapped: Array<{ url: string; authorization?: string }> = [];
/** Answers 401 with a non-Graph body. */
let denier: Server;
/** Accepts and resets every connection. */
let resetter: TcpServer;
let closedPort: number;

const portOf = (s: Server | TcpServer) => (s.address() as AddressInfo).port;
const listen = async <S extends Server | TcpServer>(s: S): Promise<S> => {
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  return s;
};

beforeAll(async () => {
  graph = await FakeGraph.start();
  k = await startTestKabar(graph.operatorEnv);
  api = apiClient(k.http!, { cookie: k.cookie });
  trap = await listen(
    createServer((req, res) => {
      trapped.push({ url: req.url!, authorization: req.headers.authorization });
      res.end("not json");
    }),
  );
  denier = await listen(createServer((_req, res) => res.writeHead(401).end("nope")));
  resetter = await listen(createTcpServer((s) => s.resetAndDestroy()));
  const probe = await listen(createTcpServer());
  closedPort = portOf(probe);
  await new Promise((r) => probe.close(r));
});
afterAll(async () => {
  await k?.close();
  await graph?.close();
  for (const s of [trap, denier]) s?.closeAllConnections();
  await Promise.all([trap, denier, resetter].filter(Boolean).map((s) => new Promise((r) => s.close(r))));
});

const cloudApi = (extra: Record<string, unknown> = {}) => ({
  phoneNumberId: graph.phoneNumberId,
  wabaId: graph.wabaId,
  accessToken: graph.accessToken,
  appSecret: "app-secret-toko",
  verifyToken: "verifikasi-toko-123",
  ...extra,
});

describe("the Cloud API Graph host", () => {
  it("refuses any baseUrl but Meta’s Graph host in the channel request, naming the field, and never connects there", async () => {
    const attempts = [
      `http://127.0.0.1:${portOf(trap)}`,
      `https://127.0.0.1:${portOf(trap)}`,
      "http://localhost:3000",
      "https://10.0.0.1",
      "https://169.254.169.254",
      "https://[::1]",
      "https://evil.example",
      "http://graph.facebook.com",
      "https://graph.facebook.com.evil.example",
      "https://graph.facebook.com@evil.example",
    ];
    for (const baseUrl of attempts) {
      const r = await api("POST", "/channels", {
        name: "SSRF",
        kind: "cloud_api",
        cloudApi: cloudApi({ baseUrl }),
      });
      expect(r.status, baseUrl).toBe(400);
      expect(Object.keys(errorOf(r).fields ?? {}), baseUrl).toContain("cloudApi.baseUrl");
    }
    expect(trapped).toEqual([]);
    expect(await k.database.db.select().from(channels).where(eq(channels.name, "SSRF"))).toEqual([]);
  });

  it("accepts Meta’s own host (older clients send it) without storing it, and reaches the operator’s Graph", async () => {
    const created = await ok(
      api<ChannelDto>("POST", "/channels", {
        name: "WA Meta",
        kind: "cloud_api",
        cloudApi: cloudApi({ baseUrl: "https://graph.facebook.com/" }),
      }),
      201,
    );
    await untilChannelStatus(api, created.id, "connected");
    const [row] = await k.database.db.select().from(channels).where(eq(channels.id, created.id));
    expect(row!.config).not.toHaveProperty("baseUrl");
    expect(
      graph.requests.some((r) => r.endpoint === "phone" && r.authorization === `Bearer ${graph.accessToken}`),
    ).toBe(true);
  });

  it("ignores a baseUrl stored by an older version: the token goes to the operator’s Graph only", async () => {
    const channel = await createCloudChannel(k, graph);
    const legacy = { ...channel, config: { ...channel.config, baseUrl: `http://127.0.0.1:${portOf(trap)}` } };
    await k.database.db.update(channels).set({ config: legacy.config }).where(eq(channels.id, channel.id));
    const before = graph.requests.length;
    const { transport } = await cloudTransport(k, legacy);
    await transport.connect();
    expect(transport.currentStatus).toBe("connected");
    await transport.disconnect();
    // The connect's check of the number reached the operator's Graph, with the token.
    expect(
      graph.requests
        .slice(before)
        .some((r) => r.endpoint === "phone" && r.authorization === `Bearer ${graph.accessToken}`),
    ).toBe(true);
    expect(trapped).toEqual([]);
  });

  it("tells the user the same neutral text whatever listens behind the address (no port-scan oracle)", async () => {
    const targets = [portOf(trap), portOf(denier), portOf(resetter), closedPort].map(
      (p) => `http://127.0.0.1:${p}`,
    );
    const seen = async () =>
      Promise.all(
        targets.map(async (baseUrl) => {
          const client = new GraphClient({
            baseUrl,
            graphVersion: "v21.0",
            accessToken: "EAA-rahasia",
            timeoutMs: 5_000,
          });
          const err = await client.phoneNumber("106540352242922").then(
            () => null,
            (e: unknown) => e,
          );
          return toTransportError(err).message;
        }),
      );
    // Not an operator-allowed host: nothing is contacted, and every answer reads the same.
    const refused = await seen();
    expect(new Set(refused).size).toBe(1);
    expect(refused[0]).toContain("Could not reach WhatsApp Cloud API");
    expect(refused.join("\n")).not.toMatch(/HTTP \d|UND_ERR|fetch failed|ECONN|unreadable|socket/i);
    expect(trapped).toEqual([]);

    // Even for hosts the operator allowed, a closed port and a reset read the same.
    configureOutbound({
      allowPrivateHosts: [
        ...graph.operatorEnv.KABAR_OUTBOUND_ALLOW_HOSTS.split(","),
        `127.0.0.1:${portOf(resetter)}`,
        `127.0.0.1:${closedPort}`,
      ],
    });
    try {
      const down = (await seen()).slice(2);
      expect(down[0]).toBe(down[1]);
      expect(down.join("\n")).not.toMatch(/UND_ERR|fetch failed|ECONN|socket/i);
    } finally {
      configureOutbound({ allowPrivateHosts: graph.operatorEnv.KABAR_OUTBOUND_ALLOW_HOSTS.split(",") });
    }
  });

  it("still works against the operator’s fake Graph: a channel created through the API connects and syncs", async () => {
    graph.templates = [
      {
        name: "promo",
        language: "id",
        status: "APPROVED",
        category: "MARKETING",
        components: [{ type: "BODY", text: "Halo {{1}}" }],
      },
    ];
    const created = await ok(
      api<ChannelDto>("POST", "/channels", { name: "WA Resmi", kind: "cloud_api", cloudApi: cloudApi() }),
      201,
    );
    await untilChannelStatus(api, created.id, "connected");
    expect(await ok(api("POST", `/channels/${created.id}/wa-templates/sync`))).toEqual({
      synced: 1,
      removed: 0,
    });
    expect(graph.requests.some((r) => r.endpoint === "templates")).toBe(true);
  });
});
