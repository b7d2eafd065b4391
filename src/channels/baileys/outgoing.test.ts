import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TransportError } from "../transport.js";
import { mediaSource, messageParts, toTransportError } from "./outgoing.js";
import { boom } from "./testing.js";

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "kabar-out-"));
  await mkdir(join(dataDir, "uploads"), { recursive: true });
  await writeFile(join(dataDir, "uploads", "brosur.pdf"), "pdf");
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

async function invalid(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(TransportError);
  expect((e as TransportError).code).toBe("invalid_message");
  expect((e as TransportError).retryable).toBe(false);
  return (e as TransportError).message;
}

describe("messageParts", () => {
  const url = "https://contoh.test/promo.jpg";
  /** What the (fake) guarded download of `url` gives. */
  const stream = Readable.from([]);
  const download = async () => stream;

  it("text", async () => {
    expect(await messageParts({ text: "Halo kak" }, dataDir, download)).toEqual([
      { content: { text: "Halo kak" }, idSuffix: "" },
    ]);
  });

  it("image and video with the text as caption", async () => {
    expect(
      await messageParts(
        { text: "Diskon!", media: { type: "image", url, mimeType: "image/jpeg" } },
        dataDir,
        download,
      ),
    ).toEqual([{ content: { image: { stream }, caption: "Diskon!", mimetype: "image/jpeg" }, idSuffix: "" }]);
    expect(await messageParts({ text: "Lihat", media: { type: "video", url } }, dataDir, download)).toEqual([
      { content: { video: { stream }, caption: "Lihat" }, idSuffix: "" },
    ]);
  });

  it("a document from the data dir, with file name and caption", async () => {
    const [part] = await messageParts(
      {
        text: "Katalog",
        media: { type: "document", url: "uploads/brosur.pdf", mimeType: "application/pdf" },
      },
      dataDir,
      download,
    );
    expect(part!.content).toEqual({
      document: { url: join(dataDir, "uploads", "brosur.pdf") },
      mimetype: "application/pdf",
      fileName: "brosur.pdf",
      caption: "Katalog",
    });
  });

  it("audio has no caption: the text follows as a second message with a derived stable id", async () => {
    expect(
      await messageParts({ text: "Dengarkan", media: { type: "audio", url } }, dataDir, download),
    ).toEqual([
      { content: { audio: { stream }, mimetype: "audio/mp4" }, idSuffix: "" },
      { content: { text: "Dengarkan" }, idSuffix: "T" },
    ]);
    expect(
      await messageParts(
        { media: { type: "audio", url, mimeType: "audio/ogg; codecs=opus" } },
        dataDir,
        download,
      ),
    ).toHaveLength(1);
  });

  it("a location, the text as its comment", async () => {
    expect(
      await messageParts(
        {
          text: "Toko kami",
          location: { latitude: -6.2, longitude: 106.8, name: "Toko Contoh", address: "Jl. Sudirman 1" },
        },
        dataDir,
        download,
      ),
    ).toEqual([
      {
        content: {
          location: {
            degreesLatitude: -6.2,
            degreesLongitude: 106.8,
            name: "Toko Contoh",
            address: "Jl. Sudirman 1",
            comment: "Toko kami",
          },
        },
        idSuffix: "",
      },
    ]);
    expect(
      await invalid(messageParts({ location: { latitude: 95, longitude: 0 } }, dataDir, download)),
    ).toMatch(/latitude/);
  });

  it("refuses nothing to send", async () => {
    expect(await invalid(messageParts({ text: "   " }, dataDir, download))).toMatch(/needs text/);
  });
});

describe("mediaSource", () => {
  it("a link is downloaded by Kabar (through the outbound guard), with the limit of its media type; a file must stay in the data dir", async () => {
    const asked: Array<[string, number]> = [];
    const fake = async (url: string, maxBytes: number) => {
      asked.push([url, maxBytes]);
      return Readable.from([Buffer.from("png")]);
    };
    const link = await mediaSource({ url: "HTTPS://contoh.test/a.png", type: "image" }, dataDir, fake);
    expect("stream" in link).toBe(true);
    expect(asked).toEqual([["HTTPS://contoh.test/a.png", 5 * 1024 * 1024]]);
    expect(await mediaSource({ url: "uploads/brosur.pdf", type: "document" }, dataDir, fake)).toEqual({
      url: join(dataDir, "uploads/brosur.pdf"),
    });
    expect(await invalid(mediaSource({ url: "../../etc/passwd", type: "document" }, dataDir, fake))).toMatch(
      /inside the data folder/,
    );
    expect(await invalid(mediaSource({ url: "/etc/passwd", type: "document" }, dataDir, fake))).toMatch(
      /inside the data folder/,
    );
    expect(
      await invalid(mediaSource({ url: "file:///etc/passwd", type: "document" }, dataDir, fake)),
    ).toMatch(/https link/);
    expect(
      await invalid(mediaSource({ url: "uploads/hilang.pdf", type: "document" }, dataDir, fake)),
    ).toMatch(/no longer exists/);
    expect(await invalid(mediaSource({ url: "uploads", type: "document" }, dataDir, fake))).toMatch(
      /no longer exists/,
    );
    expect(asked).toHaveLength(1);
  });

  it("the default download refuses a link to a private address without connecting, with no detail of what listens there", async () => {
    const err = await mediaSource({ url: "https://127.0.0.1:9/a.png", type: "image" }, dataDir).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TransportError);
    expect((err as TransportError).message).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
  });
});

describe("toTransportError", () => {
  const cases: Array<[string, unknown, string, boolean, boolean]> = [
    ["rate-overlimit error node", boom("rate-overlimit", undefined, 429), "rate_limited", true, false],
    ["a 429 status", boom("Too many", 429), "rate_limited", true, false],
    ["logged out", boom("Intentional Logout", 401), "logged_out", false, true],
    ["forbidden", boom("Connection Failure", 403), "banned", false, true],
    ["connection closed", boom("Connection Closed", 428), "disconnected", true, false],
    ["connection lost", boom("Connection was lost", 408), "disconnected", true, false],
    ["a plain error", new Error("socket hang up"), "network_error", true, false],
    ["a Boom without a code", boom("Internal Server Error"), "network_error", true, false],
    ["not an error", "boom", "network_error", true, false],
  ];
  it.each(cases)("%s", (_name, error, code, retryable, stopChannel) => {
    const e = toTransportError(error);
    expect({ code: e.code, retryable: e.retryable, stopChannel: e.stopChannel }).toEqual({
      code,
      retryable,
      stopChannel,
    });
  });

  it("keeps a TransportError as it is", () => {
    const original = new TransportError("not_on_whatsapp", "x", false);
    expect(toTransportError(original)).toBe(original);
  });
});
