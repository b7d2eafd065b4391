import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import type { Socket } from "socket.io";
import type { AuthService } from "../modules/auth/index.js";
import { sameOrigin, socketAuth } from "./auth.js";

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

describe("socketAuth", () => {
  /** Runs the middleware on a handshake with `auth`; resolves with the refusal's message, or null when let in. */
  const outcome = (token: string, accepts: boolean) => {
    const asked: string[] = [];
    const auth = {
      authenticate: async (t: string) => {
        asked.push(t);
        return accepts
          ? {
              actor: { tenantId: "t", userId: "u", role: "owner" as const },
              user: { id: "u", tenantId: "t", email: "o@x.test", name: "O", role: "owner" as const },
              session: { key: "k", expiresAt: new Date(Date.now() + 60_000) },
            }
          : null;
      },
    } as unknown as AuthService;
    const socket = { handshake: { auth: { token }, headers: {} }, data: {} } as unknown as Socket;
    return new Promise<{ refused: string | null; asked: string[] }>((resolve) =>
      socketAuth(auth)(socket, (err) => resolve({ refused: err ? err.message : null, asked })),
    );
  };

  it("refuses an API key without looking it up as a session, and lets a session in", async () => {
    expect(await outcome(`kbr_live_${"a".repeat(43)}`, true)).toEqual({
      refused: "unauthenticated",
      asked: [],
    });
    expect(await outcome("sesi-biasa", true)).toEqual({ refused: null, asked: ["sesi-biasa"] });
  });
});
