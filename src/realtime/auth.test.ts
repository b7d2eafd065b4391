import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { sameOrigin } from "./auth.js";

const handshake = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe("sameOrigin (socket handshakes)", () => {
  it("accepts the host and port it was sent to, and Kabar's public origin behind a proxy", () => {
    expect(sameOrigin(handshake({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" }))).toBe(true);
    expect(
      sameOrigin(
        handshake({ host: "10.0.0.5:3000", origin: "https://kabar.toko.id" }),
        "https://kabar.toko.id",
      ),
    ).toBe(true);
  });

  it("refuses a page of another site, or of this host at another port", () => {
    expect(sameOrigin(handshake({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:8080" }))).toBe(false);
    expect(
      sameOrigin(
        handshake({ host: "127.0.0.1:3000", origin: "http://evil.example" }),
        "https://kabar.toko.id",
      ),
    ).toBe(false);
    expect(sameOrigin(handshake({ host: "127.0.0.1:3000", origin: "null" }))).toBe(false);
  });

  it("lets a client without Origin through (it authenticates with a token, not a cookie a page could borrow)", () => {
    expect(sameOrigin(handshake({ host: "127.0.0.1:3000" }))).toBe(true);
  });
});
