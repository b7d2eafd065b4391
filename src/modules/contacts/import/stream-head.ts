/**
 * Peeking at the start of a stream (for format detection) without losing those bytes.
 */
import { Readable } from "node:stream";

/** The first bytes of a stream, and a stream that replays them followed by the rest. */
interface StreamHead {
  head: Buffer;
  stream: Readable;
}

/**
 * Reads chunks from `input` until at least `size` bytes (or the end) have arrived, and
 * returns them as `head` (at most `size` bytes) plus `stream`, which yields every byte
 * of the input from the start. Destroying `stream` ends the reading of `input`.
 */
export async function peekHead(input: NodeJS.ReadableStream | Readable, size: number): Promise<StreamHead> {
  const source = input[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let length = 0;
  let ended = false;
  while (length < size) {
    const next = await source.next();
    if (next.done) {
      ended = true;
      break;
    }
    const chunk = toBuffer(next.value);
    chunks.push(chunk);
    length += chunk.length;
  }

  async function* replay(): AsyncGenerator<Buffer> {
    yield* chunks;
    if (ended) return;
    for (let next = await source.next(); !next.done; next = await source.next()) {
      yield toBuffer(next.value);
    }
  }
  const stream = Readable.from(replay(), { objectMode: false });
  stream.once("close", () => void source.return?.());
  return { head: Buffer.concat(chunks).subarray(0, size), stream };
}

function toBuffer(chunk: unknown): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
}
