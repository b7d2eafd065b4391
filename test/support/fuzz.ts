/**
 * The fuzz suites' generator (test/api-validation.test.ts over API_ROUTES, test/saas-fuzz.test.ts
 * over the SaaS and platform routes): random JSON shapes and mutations of a valid body, from a
 * seeded PRNG so a failing run is replayed by its seed.
 */
import { mulberry32 } from "./rng.js";

/** Field names the shapes use (the routes' own, plus a prototype-pollution probe). */
export const FUZZ_KEYS: readonly string[] = [
  "name",
  "phone",
  "labels",
  "attributes",
  "optedOut",
  "body",
  "media",
  "type",
  "url",
  "mimeType",
  "channelId",
  "templateId",
  "audience",
  "match",
  "importId",
  "at",
  "timeZone",
  "pacing",
  "pacingPreset",
  "kind",
  "contactIds",
  "add",
  "remove",
  "count",
  "text",
  "columns",
  "seed",
  "contactId",
  "optOutKeywords",
  "locale",
  "email",
  "password",
  "minDelayMs",
  "quietHours",
  "constructor",
  "online",
  "userId",
  "userIds",
  "maxOpenConversations",
];

/** Values the shapes use: edge numbers, odd strings, injection probes, words the routes know. */
export const FUZZ_ATOMS: readonly unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  2 ** 53,
  -(2 ** 31),
  1e300,
  "",
  " ",
  "x",
  "a".repeat(5000),
  "Ñandú 😀 \u200b",
  "<script>alert(1)</script>",
  "'; DROP TABLE contacts; --",
  "%_\\",
  "{{name",
  "{{ }}",
  "{Halo|Hai}",
  "+6281234567890",
  "081234567890",
  "all",
  "labels",
  "import",
  "any",
  "ban",
  "rate_limit",
  "clear",
  "disconnect",
  "logout",
  "sandbox",
  "whatsapp_web",
  "safe",
  "off",
  "demo",
  "id",
  "en",
  "image",
  "document",
  "https://contoh.test/a.png",
  "../../../etc/passwd",
  "Asia/Jakarta",
  "Mars/Base",
  "2099-01-01T09:00",
  "2000-01-01T00:00:00Z",
  "25:61",
];

/** A seeded generator of request bodies. */
interface Fuzzer {
  /** The PRNG: floats in [0, 1). */
  next: () => number;
  pick: <T>(xs: readonly T[]) => T;
  /** A value: an atom, an array of values or an object, nested at most `depth` deep. */
  value: (depth: number) => unknown;
  /** Any JSON shape a body could be (mostly objects). */
  shape: () => unknown;
  /** A copy of `body` with one or two fields deleted, added or replaced (nested objects too). */
  mutate: (body: unknown) => unknown;
}

/**
 * A fuzzer over `keys` and `atoms` (add the suite's own ids to the atoms so some bodies name
 * real rows), seeded by `seed`.
 */
export function fuzzer(seed: number, keys: readonly string[], atoms: readonly unknown[]): Fuzzer {
  const next = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const value = (depth: number): unknown => {
    const roll = next();
    if (depth <= 0 || roll < 0.55) return pick(atoms);
    if (roll < 0.75) return Array.from({ length: Math.floor(next() * 4) }, () => value(depth - 1));
    return object(depth - 1);
  };
  const object = (depth: number): Record<string, unknown> => {
    const o: Record<string, unknown> = {};
    for (let i = Math.floor(next() * 5); i > 0; i--) o[pick(keys)] = value(depth);
    return o;
  };
  const shape = (): unknown => (next() < 0.85 ? object(3) : value(2));
  const mutate = (body: unknown): unknown => {
    const copy = structuredClone(body) as Record<string, unknown>;
    for (let n = 1 + Math.floor(next() * 2); n > 0; n--) {
      let target = copy;
      const nested = Object.entries(copy).filter(
        ([, v]) => typeof v === "object" && v !== null && !Array.isArray(v),
      );
      if (nested.length > 0 && next() < 0.3) target = pick(nested)[1] as Record<string, unknown>;
      const fields = Object.keys(target);
      const roll = next();
      if (roll < 0.2 && fields.length > 0) delete target[pick(fields)];
      else if (roll < 0.3) target[pick(keys)] = value(2);
      else if (fields.length > 0) target[pick(fields)] = value(1);
    }
    return copy;
  };
  return { next, pick, value, shape, mutate };
}
