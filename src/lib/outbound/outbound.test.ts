import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  configureOutbound,
  fetchGuarded,
  isBlockedAddress,
  NOT_REACHABLE_MESSAGE,
  openGuarded,
  OutboundError,
} from "./index.js";

/** What `p` rejects with (fails the test if it resolves). */
async function failure(p: Promise<unknown>): Promise<OutboundError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(OutboundError);
    return err as OutboundError;
  }
  throw new Error("expected a rejection");
}

const portOf = (s: Server | TcpServer) => (s.address() as AddressInfo).port;
const listen = async <S extends Server | TcpServer>(s: S): Promise<S> => {
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  return s;
};

let hits: string[] = [];
let app: Server; // answers by path
let other: Server; // a second origin
let reset: TcpServer; // accepts then resets every connection
let closedPort: number;

beforeAll(async () => {
  app = await listen(
    createHttpServer((req, res) => {
      hits.push(`app ${req.url} auth=${req.headers.authorization ?? "-"}`);
      const u = new URL(req.url!, "http://x");
      if (u.pathname === "/ok") return res.end("halo");
      if (u.pathname === "/to-other")
        return res.writeHead(302, { location: `http://127.0.0.1:${portOf(other)}/ok` }).end();
      if (u.pathname === "/to-localhost")
        return res.writeHead(302, { location: `http://localhost:${portOf(app)}/ok` }).end();
      if (u.pathname === "/to-metadata")
        return res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end();
      if (u.pathname === "/loop") return res.writeHead(302, { location: "/loop" }).end();
      if (u.pathname === "/big-declared")
        return res.writeHead(200, { "content-length": String(10_000) }).end(Buffer.alloc(10_000));
      if (u.pathname === "/big-stream") {
        res.writeHead(200);
        const chunk = Buffer.alloc(64 * 1024, 1);
        for (let i = 0; i < 32; i++) res.write(chunk);
        return res.end();
      }
      if (u.pathname === "/stall-body") {
        res.writeHead(200);
        return res.write("a");
      }
      if (u.pathname === "/never") return; // no answer at all
      res.writeHead(404).end();
    }),
  );
  other = await listen(
    createHttpServer((req, res) => {
      hits.push(`other ${req.url} auth=${req.headers.authorization ?? "-"}`);
      res.end("other");
    }),
  );
  reset = await listen(createTcpServer((socket) => socket.resetAndDestroy()));
  const probe = await listen(createTcpServer());
  closedPort = portOf(probe);
  await new Promise((r) => probe.close(r));
});
afterAll(async () => {
  app.closeAllConnections();
  other.closeAllConnections();
  await Promise.all([app, other, reset].map((s) => new Promise((r) => s.close(r))));
});
afterEach(() => {
  configureOutbound({ allowPrivateHosts: [], lookup: null });
  hits = [];
});

describe("isBlockedAddress", () => {
  it.each([
    "127.0.0.1",
    "127.8.9.10",
    "10.1.2.3",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "100.127.255.254",
    "0.0.0.0",
    "224.0.0.1",
    "239.255.255.250",
    "255.255.255.255",
    "198.18.0.1",
    "192.0.2.5",
    "::",
    "::1",
    "[::1]",
    "fe80::1",
    "fe80::1%eth0",
    "fc00::1",
    "fd12:3456::1",
    "ff02::1",
    "ff05::2",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "::ffff:10.0.0.1",
    "::ffff:8.8.8.8",
    "64:ff9b::a00:1",
    "2002:7f00:1::1",
    "not-an-ip",
    "localhost",
  ])("blocks %s", (ip) => expect(isBlockedAddress(ip)).toBe(true));

  it.each([
    "8.8.8.8",
    "1.1.1.1",
    "157.240.22.35",
    "172.32.0.1",
    "100.128.0.1",
    "2606:4700:4700::1111",
    "2a03:2880:f12f:83:face:b00c:0:25de",
  ])("lets public %s through", (ip) => expect(isBlockedAddress(ip)).toBe(false));
});

describe("openGuarded / fetchGuarded", () => {
  it("refuses http, loopback, private and mapped addresses before connecting", async () => {
    for (const url of [
      `http://127.0.0.1:${portOf(app)}/ok`,
      `https://127.0.0.1:${portOf(app)}/ok`,
      "https://10.0.0.1/x",
      "https://169.254.169.254/latest/meta-data/",
      "https://100.64.1.1/",
      `https://[::1]:${portOf(app)}/ok`,
      `https://[::ffff:127.0.0.1]:${portOf(app)}/ok`,
      "https://[fd00::1]/",
      "https://2130706433/", // 127.0.0.1 as one number
      "https://0x7f.1/",
      "ftp://example.com/",
      "file:///etc/passwd",
      "https://user:pw@example.com/",
      "no url",
    ]) {
      const e = await failure(fetchGuarded(url, { maxBytes: 1000 }));
      expect(e.code, url).toBe("blocked_url");
      expect(e.requestSent).toBe(false);
    }
    expect(hits).toEqual([]);
  });

  it("checks the address a name resolves to: localhost and a name pointing at a private address are refused", async () => {
    const e = await failure(fetchGuarded(`https://localhost:${portOf(app)}/ok`, { maxBytes: 1000 }));
    expect(e.code).toBe("blocked_url");
    configureOutbound({
      lookup: ((
        host: string,
        _o: unknown,
        cb: (e: null, a: Array<{ address: string; family: number }>) => void,
      ) =>
        cb(
          null,
          host === "mixed.example"
            ? [
                { address: "93.184.216.34", family: 4 },
                { address: "10.0.0.7", family: 4 },
              ]
            : [{ address: "127.0.0.1", family: 4 }],
        )) as never,
    });
    for (const host of ["rebind.example", "mixed.example"]) {
      const r = await failure(fetchGuarded(`https://${host}:${portOf(app)}/ok`, { maxBytes: 1000 }));
      expect(r.code, host).toBe("blocked_url");
    }
    expect(hits).toEqual([]);
  });

  it("connects to the address its own lookup checked (an operator-allowed name)", async () => {
    configureOutbound({
      allowPrivateHosts: [`fake.graph.test:${portOf(app)}`],
      lookup: ((
        _h: string,
        _o: unknown,
        cb: (e: null, a: Array<{ address: string; family: number }>) => void,
      ) => cb(null, [{ address: "127.0.0.1", family: 4 }])) as never,
    });
    const r = await fetchGuarded(`http://fake.graph.test:${portOf(app)}/ok`, { maxBytes: 1000 });
    expect(r.body.toString()).toBe("halo");
    // Another port of the same name is not allowed.
    expect(
      (await failure(fetchGuarded(`http://fake.graph.test:${portOf(other)}/ok`, { maxBytes: 1000 }))).code,
    ).toBe("blocked_url");
  });

  it("gives the same message whatever listens behind the address (no port-scan oracle)", async () => {
    const urls = [`127.0.0.1:${portOf(app)}/ok`, `127.0.0.1:${closedPort}/`, `127.0.0.1:${portOf(reset)}/`];
    // Not allowed: refused before any connection, identically.
    const blocked = await Promise.all(
      urls.map((u) => failure(fetchGuarded(`https://${u}`, { maxBytes: 1000 }))),
    );
    expect(new Set(blocked.map((e) => `${e.code}|${e.message}`))).toEqual(
      new Set([`blocked_url|${NOT_REACHABLE_MESSAGE}`]),
    );
    // Allowed by the operator: a closed port and a reset read exactly like a blocked address.
    configureOutbound({ allowPrivateHosts: ["127.0.0.1"] });
    const down = await Promise.all(
      urls.slice(1).map((u) => failure(fetchGuarded(`http://${u}`, { maxBytes: 1000 }))),
    );
    expect(down.map((e) => e.message)).toEqual([NOT_REACHABLE_MESSAGE, NOT_REACHABLE_MESSAGE]);
    expect(down.map((e) => e.message).join()).not.toMatch(/ECONN|UND_ERR|socket|fetch failed|HTTP/i);
  });

  it("re-checks every redirect: to a non-allowed or private host it stops; at most 3 hops; authorization dropped across origins", async () => {
    configureOutbound({ allowPrivateHosts: [`127.0.0.1:${portOf(app)}`] });
    for (const path of ["/to-other", "/to-localhost", "/to-metadata"]) {
      expect(
        (await failure(fetchGuarded(`http://127.0.0.1:${portOf(app)}${path}`, { maxBytes: 1000 }))).code,
        path,
      ).toBe("blocked_url");
    }
    expect(hits.filter((h) => h.startsWith("other"))).toEqual([]);
    expect(
      (await failure(fetchGuarded(`http://127.0.0.1:${portOf(app)}/loop`, { maxBytes: 1000 }))).code,
    ).toBe("bad_response");
    expect(hits.filter((h) => h.startsWith("app /loop"))).toHaveLength(4);

    configureOutbound({ allowPrivateHosts: [`127.0.0.1:${portOf(app)}`, `127.0.0.1:${portOf(other)}`] });
    hits = [];
    const r = await fetchGuarded(`http://127.0.0.1:${portOf(app)}/to-other`, {
      maxBytes: 1000,
      headers: { authorization: "Bearer rahasia" },
    });
    expect(r.body.toString()).toBe("other");
    expect(hits).toEqual(["app /to-other auth=Bearer rahasia", "other /ok auth=-"]);
    // The allowed host list applies to each hop too.
    const listed = await failure(
      fetchGuarded(`http://127.0.0.1:${portOf(app)}/to-localhost`, {
        maxBytes: 1000,
        allowedHosts: ["127.0.0.1"],
      }),
    );
    expect(listed.code).toBe("blocked_url");
    expect(
      (
        await failure(
          fetchGuarded(`http://127.0.0.1:${portOf(app)}/ok`, {
            maxBytes: 1000,
            allowedHosts: ["graph.facebook.com"],
          }),
        )
      ).code,
    ).toBe("blocked_url");
  });

  it("limits the size: a declared length at once, a stream while it flows", async () => {
    configureOutbound({ allowPrivateHosts: ["127.0.0.1"] });
    expect(
      (await failure(openGuarded(`http://127.0.0.1:${portOf(app)}/big-declared`, { maxBytes: 9_999 }))).code,
    ).toBe("too_large");
    const e = await failure(
      fetchGuarded(`http://127.0.0.1:${portOf(app)}/big-stream`, { maxBytes: 100_000 }),
    );
    expect(e.code).toBe("too_large");
    const ok = await fetchGuarded(`http://127.0.0.1:${portOf(app)}/big-stream`, { maxBytes: 32 * 64 * 1024 });
    expect(ok.body.length).toBe(32 * 64 * 1024);
  });

  it("times out a silent server, and a body that stalls", async () => {
    configureOutbound({ allowPrivateHosts: ["127.0.0.1"] });
    expect(
      (
        await failure(
          fetchGuarded(`http://127.0.0.1:${portOf(app)}/never`, { maxBytes: 1000, timeoutMs: 300 }),
        )
      ).code,
    ).toBe("timeout");
    const open = await openGuarded(`http://127.0.0.1:${portOf(app)}/stall-body`, {
      maxBytes: 1000,
      timeoutMs: 300,
    });
    expect(open.status).toBe(200);
    const chunks: Buffer[] = [];
    const e = await failure(
      (async () => {
        for await (const c of open.body) chunks.push(c as Buffer);
      })(),
    );
    expect(e.code).toBe("timeout");
  });
});
