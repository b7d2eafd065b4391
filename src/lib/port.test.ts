import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertPortFree, listenError, PortUnavailableError } from "./port.js";

let occupant: Server;
let port: number;

beforeAll(async () => {
  occupant = createServer();
  await new Promise<void>((resolve) => occupant.listen(0, "127.0.0.1", resolve));
  port = (occupant.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise((resolve) => occupant.close(resolve));
});

describe("assertPortFree", () => {
  it("refuses a port another server listens on, naming it", async () => {
    const err = await assertPortFree("127.0.0.1", port).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PortUnavailableError);
    expect(err).toMatchObject({ code: "EADDRINUSE", port });
    expect((err as Error).message).toContain(`127.0.0.1:${port}`);
  });

  it("accepts a free port and port 0, and leaves them free", async () => {
    await expect(assertPortFree("127.0.0.1", 0)).resolves.toBeUndefined();
    const free = createServer();
    await new Promise<void>((resolve) => free.listen(0, "127.0.0.1", resolve));
    const p = (free.address() as { port: number }).port;
    await new Promise((resolve) => free.close(resolve));
    await expect(assertPortFree("127.0.0.1", p)).resolves.toBeUndefined();
    await expect(assertPortFree("127.0.0.1", p)).resolves.toBeUndefined();
  });

  it("names the port for the usual listen errors and passes others through", () => {
    expect(listenError(Object.assign(new Error("x"), { code: "EACCES" }), "0.0.0.0", 80)).toBeInstanceOf(
      PortUnavailableError,
    );
    const other = new Error("other");
    expect(listenError(other, "127.0.0.1", 1)).toBe(other);
  });
});
