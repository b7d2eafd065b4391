/**
 * Deterministic randomness for the sandbox. Every random choice is derived from a key
 * such as (seed, messageId, purpose), never from `Math.random()` or from the order in
 * which things happen, so one seed always replays the same simulated world.
 */

/** Separates key parts so ("a", "bc") and ("ab", "c") hash differently. */
const KEY_SEPARATOR = "\u001f";

/** cyrb53: a fast, well-mixed 53-bit string hash (public domain, by bryc). */
function cyrb53(text: string, salt: number): number {
  let h1 = 0xdeadbeef ^ salt;
  let h2 = 0x41c6ce57 ^ salt;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * A stable 24-character uppercase hex digest of `parts`, used for deterministic message
 * ids (the same parts always give the same id).
 */
export function hashHex(...parts: string[]): string {
  const key = parts.join(KEY_SEPARATOR);
  return (cyrb53(key, 0).toString(16).padStart(14, "0") + cyrb53(key, 1).toString(16).padStart(14, "0"))
    .slice(0, 24)
    .toUpperCase();
}

/**
 * A small seeded pseudo-random generator (mulberry32). Not cryptographic; good enough
 * to simulate customer behaviour.
 */
export class Rng {
  private state: number;

  /** @param seed any 32-bit integer; use {@link createRng} to derive one from a key. */
  constructor(seed: number) {
    this.state = seed | 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A float in [min, max). */
  float(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor((max - min + 1) * this.next());
  }

  /** True with probability `p` (0 → never, 1 → always). */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /**
   * One element of `items`, uniformly.
   * @throws RangeError when `items` is empty
   */
  pick<T>(items: readonly T[]): T {
    const item = items[this.int(0, items.length - 1)];
    if (item === undefined) throw new RangeError("Rng.pick needs a non-empty list");
    return item;
  }
}

/**
 * A generator keyed by `parts`, e.g. `createRng(seed, messageId, 'read')`. Each purpose
 * gets its own stream, so adding a roll for one purpose never shifts the others.
 */
export function createRng(...parts: string[]): Rng {
  return new Rng(cyrb53(parts.join(KEY_SEPARATOR), 0));
}
