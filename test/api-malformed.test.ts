/**
 * Malformed requests that used to answer 500 or hang (issue 9 §7): an out-of-range inbox
 * cursor, multipart bodies without a boundary or cut short on every upload route, and
 * uploads that stall half-way on an open connection.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConversationDto } from "../src/modules/inbox/schemas.js";
import { apiClient, errorOf, ok, untilConnected, type Api } from "./support/api.js";
import { firstChannel } from "./support/channels.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { waitFor } from "./support/wait.js";

const dataDir = mkdtempSync(join(tmpdir(), "kabar-malformed-"));
let k: TestKabar;
let api: Api;
let conversationId: string;
let url: string;

beforeAll(async () => {
  k = await startTestKabar({ KABAR_DATA_DIR: dataDir, KABAR_UPLOAD_IDLE_MS: "300" });
  api = apiClient(k.http!, { cookie: k.cookie });
  const channelId = (await firstChannel(api)).id;
  await untilConnected(api, channelId);
  const phone = (await ok(api<Array<{ phone: string }>>("GET", "/sandbox/phones")))[0]!.phone;
  await ok(
    api("POST", `/sandbox/phones/${encodeURIComponent(phone)}/messages`, { channelId, text: "Halo kak" }),
  );
  conversationId = (await waitFor(async () => (await ok(api<ConversationDto[]>("GET", "/conversations")))[0]))
    .id;
  url = await k.http!.listen({ port: 0, host: "127.0.0.1" });
});
afterAll(async () => {
  await k?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const uploadRoutes = () => [
  "/contacts/imports",
  "/contacts/imports/preview",
  "/templates/media",
  `/conversations/${conversationId}/media`,
];
const BOUNDARY = "kabar-rusak";
/** A multipart body whose file part never ends (no closing boundary). */
const cutBody = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="kontak.csv"\r\nContent-Type: text/csv\r\n\r\nname,phone\nSari,081234567890\n`;

describe("out-of-range and malformed inputs answer 400, not 500", () => {
  it("GET /conversations with a cursor beyond bigint (or a broken id) is 400 naming cursor", async () => {
    const id = "6f1c1f5e-3c1a-4b8e-9a55-0d1f8c2b7a10";
    for (const cursor of [
      `99999999999999999999_${id}`,
      `9223372036854775807_${id}`,
      "1700000000000000_------------------------------------",
    ]) {
      const r = await api("GET", `/conversations?cursor=${cursor}`);
      expect({ cursor, status: r.status, fields: Object.keys(errorOf(r)?.fields ?? {}) }).toEqual({
        cursor,
        status: 400,
        fields: ["cursor"],
      });
    }
    // A real cursor still pages.
    const [first] = await ok(api<Array<{ cursor: string }>>("GET", "/conversations?limit=1"));
    expect((await api("GET", `/conversations?cursor=${first!.cursor}`)).status).toBe(200);
  });

  it("multipart without a boundary is 400 invalid_multipart on all 4 upload routes", async () => {
    for (const path of uploadRoutes()) {
      const r = await api("POST", path, "name,phone\n", {
        headers: { "content-type": "multipart/form-data" },
      });
      expect({ path, status: r.status, code: errorOf(r)?.code }).toEqual({
        path,
        status: 400,
        code: "invalid_multipart",
      });
    }
  });

  it("a multipart body cut short (no closing boundary) is a 4xx on every upload route, the import preview included", async () => {
    for (const path of uploadRoutes()) {
      const r = await api("POST", path, cutBody, {
        headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}` },
      });
      expect({ path, status: r.status }).toEqual({
        path,
        status: r.status >= 400 && r.status < 500 ? r.status : "a 4xx",
      });
    }
    const preview = await api("POST", "/contacts/imports/preview", cutBody, {
      headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}` },
    });
    expect({ status: preview.status, code: errorOf(preview)?.code }).toEqual({
      status: 400,
      code: "invalid_multipart",
    });
  });
});

/**
 * Sends the headers and the first part of a multipart body on a raw socket, then nothing
 * more (the connection stays open), and resolves with what the server answers before it
 * closes the connection.
 */
function stalledUpload(path: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let answer = "";
    socket.on("data", (d) => (answer += d.toString()));
    socket.on("error", reject);
    socket.on("close", () => resolve(answer));
    socket.write(
      `POST /api/v1${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nCookie: ${k.cookie}\r\nOrigin: http://${hostname}:${port}\r\n` +
        `Content-Type: multipart/form-data; boundary=${BOUNDARY}\r\nContent-Length: 1000000\r\n\r\n${cutBody}`,
    );
  });
}

describe("an upload that stalls half-way", () => {
  it("gets 408 upload_timeout promptly (then the connection closes) on /templates/media and /conversations/:id/media", async () => {
    for (const path of [
      "/templates/media",
      `/conversations/${conversationId}/media`,
      "/contacts/imports/preview",
    ]) {
      const answer = await stalledUpload(path);
      expect({ path, status: answer.split("\r\n")[0] }).toEqual({
        path,
        status: "HTTP/1.1 408 Request Timeout",
      });
      // Kabar's idle timer (KABAR_UPLOAD_IDLE_MS, 300 ms here) answered, not a server-wide timeout.
      expect(answer).toContain('"code":"upload_timeout"');
    }
    // The server still serves.
    expect((await api("GET", "/auth/me")).status).toBe(200);
  });
});
