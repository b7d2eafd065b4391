/**
 * How the sandbox's virtual customers behave: per-phone profiles (registered, or derived
 * from the seed for any other number) and the deterministic fate of each message.
 * Everything here is a pure function of the seed and its inputs.
 */
import type { E164 } from "../transport.js";
import { DEFAULT_REPLIES, OPT_OUT_REPLIES, randomMobile, randomName } from "./indonesia.js";
import { createRng, hashHex } from "./prng.js";

/**
 * A simulated customer phone. Rates are probabilities in [0, 1] applied per message.
 */
export interface VirtualPhone {
  phone: E164;
  /** WhatsApp profile ("push") name, sent along with the phone's messages. */
  name: string;
  /** False: the number has no WhatsApp account (sends fail with `not_on_whatsapp`). */
  onWhatsApp: boolean;
  /** Chance a delivered message is read (blue ticks). */
  readRate: number;
  /** Chance a read message gets an answer. */
  replyRate: number;
  /** Chance the customer answers "STOP"/"BERHENTI" instead; absent = never. */
  optOutRate?: number;
  /** Mean delivery latency in ms (simulated; each message varies ±25 %). */
  latencyMs: number;
  /** Texts this customer picks replies from; absent or empty = {@link DEFAULT_REPLIES}. */
  replies?: string[];
}

/**
 * Simulated durations in ms before `timeScale` is applied. Read and reply delays are
 * ranges [min, max]; a message's actual delay is drawn from its own seeded roll.
 */
export const SIMULATED_MS = {
  /** A linked device downloading a message after the recipient's phone got it. */
  read: [2_000, 60_000],
  /** A customer typing an answer after reading. */
  reply: [5_000, 120_000],
  /** WhatsApp Web shows a new QR code this often. */
  qrRotation: 20_000,
  /** Demo mode: the virtual phone "scans" the QR after this long. */
  autoScan: 3_000,
  /** From `connecting` to `connected` for a paired device. */
  handshake: 1_000,
  /** Reconnect after a dropped connection (`disconnect` fault). */
  reconnect: 2_000,
} as const;

/** How many QR codes are shown before giving up with `qr_timeout`. */
export const QR_CODES = 5;

const E164_PATTERN = /^\+[1-9]\d{6,14}$/;

/**
 * The behaviour of a number nobody registered, derived from hash(seed, phone): ~95 % on
 * WhatsApp (a malformed number never is), read rate 0.55–0.85, reply rate 0.05–0.15,
 * latency 300–2500 ms, an Indonesian name. Same seed and number → same profile.
 */
export function defaultPhone(seed: string, phone: E164): VirtualPhone {
  const rng = createRng(seed, phone, "phone");
  return {
    phone,
    name: randomName(rng),
    onWhatsApp: rng.chance(0.95) && E164_PATTERN.test(phone),
    readRate: round2(rng.float(0.55, 0.85)),
    replyRate: round2(rng.float(0.05, 0.15)),
    latencyMs: rng.int(300, 2_500),
  };
}

/**
 * `count` plausible Indonesian customers for demos and tests: valid +62 8xx mobile
 * numbers (unique), Indonesian names, read rate 0.4–0.95, reply rate 0.02–0.3, latency
 * 300–2500 ms. Every 20th customer is not on WhatsApp (5 %) and every 50th, from the
 * 25th, tends to answer "STOP" (optOutRate 0.5). The list for a larger `count` starts
 * with the list for a smaller one.
 * @throws RangeError when `count` is not a non-negative integer
 */
export function makeVirtualCustomers(seed: string, count: number): VirtualPhone[] {
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`count must be a non-negative integer, got ${count}`);
  }
  const rng = createRng(seed, "customers");
  const used = new Set<E164>();
  const customers: VirtualPhone[] = [];
  for (let i = 0; i < count; i++) {
    let phone = randomMobile(rng);
    while (used.has(phone)) phone = randomMobile(rng);
    used.add(phone);
    customers.push({
      phone,
      name: randomName(rng),
      onWhatsApp: i % 20 !== 19,
      readRate: round2(rng.float(0.4, 0.95)),
      replyRate: round2(rng.float(0.02, 0.3)),
      latencyMs: rng.int(300, 2_500),
      ...(i % 50 === 24 && { optOutRate: 0.5 }),
    });
  }
  return customers;
}

/**
 * One step of a message's life after the 'sent' tick, `afterMs` (simulated) after the
 * previous step: delivered (two grey ticks), read (blue ticks), then maybe a reply.
 */
export type FateStep =
  | { kind: "delivered" | "read"; afterMs: number }
  | { kind: "reply"; afterMs: number; text: string };

/**
 * What happens to message `messageId` sent to `phone`, decided by rolls keyed by
 * (seed, messageId, purpose) so it does not depend on send order or timing. Always
 * delivered; read with `readRate` (a customer who answers has read it); answered
 * "STOP"/"BERHENTI" with `optOutRate`, otherwise with `replyRate` from its replies.
 */
export function messageFate(seed: string, messageId: string, phone: VirtualPhone): FateStep[] {
  const steps: FateStep[] = [
    {
      kind: "delivered",
      afterMs: Math.round(phone.latencyMs * createRng(seed, messageId, "deliver").float(0.75, 1.25)),
    },
  ];
  const text = replyText(seed, messageId, phone);
  const read = createRng(seed, messageId, "read");
  if (!read.chance(phone.readRate) && text === undefined) return steps;
  steps.push({ kind: "read", afterMs: read.int(...SIMULATED_MS.read) });
  if (text !== undefined) {
    const afterMs = createRng(seed, messageId, "reply-delay").int(...SIMULATED_MS.reply);
    steps.push({ kind: "reply", afterMs, text });
  }
  return steps;
}

function replyText(seed: string, messageId: string, phone: VirtualPhone): string | undefined {
  const optOut = createRng(seed, messageId, "opt-out");
  if (optOut.chance(phone.optOutRate ?? 0)) return optOut.pick(OPT_OUT_REPLIES);
  const reply = createRng(seed, messageId, "reply");
  if (!reply.chance(phone.replyRate)) return undefined;
  return reply.pick(phone.replies?.length ? phone.replies : DEFAULT_REPLIES);
}

/** The id of the reply a customer sends to `messageId` on `channelId` (deterministic). */
export function replyMessageId(seed: string, channelId: string, messageId: string): string {
  return `SBXR${hashHex(seed, channelId, messageId, "reply")}`;
}

/**
 * The id of a message a customer writes first: a function of the seed, both numbers,
 * the clock and a per-network sequence, so it replays under a fake clock and never
 * repeats across restarts.
 */
export function phoneMessageId(seed: string, from: E164, to: E164, at: number, sequence: number): string {
  return `SBXP${hashHex(seed, from, to, String(at), String(sequence))}`;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
