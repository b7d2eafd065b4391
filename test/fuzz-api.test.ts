/**
 * Fuzz suite over Kabar's own OpenAPI document: for every /api/v1 operation, requests built
 * from its schema and then broken (wrong types, missing and extra fields, huge numbers,
 * odd strings), malformed path parameters and query strings, and malformed multipart
 * bodies (no boundary, cut short, wrong parts). Nothing may answer 5xx, and Kabar must still
 * answer afterwards. Deterministic: `KABAR_FUZZ_SEED` replays a run (the seed is printed
 * with any failure); `KABAR_FUZZ_CASES` sets the cases per operation (default 24).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChannelDto } from "../src/modules/channels/schemas.js";
import type { ContactDto } from "../src/modules/contacts/schemas.js";
import { apiClient, multipartBody, ok, untilConnected, type Api, type Method } from "./support/api.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { mulberry32 } from "./support/rng.js";
import { waitFor } from "./support/wait.js";

const SEED = Number(process.env.KABAR_FUZZ_SEED ?? 20261206);
const CASES = Number(process.env.KABAR_FUZZ_CASES ?? 24);
const UNKNOWN_ID = "00000000-0000-4000-8000-00000000abcd";
/** A request the app has fully received must be answered within this (a hang is a failure, not a timeout of the suite). */
const ANSWER_WITHIN_MS = 10_000;
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

/** JSON Schema as @fastify/swagger writes it from our zod schemas (the parts we read). */
interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  additionalProperties?: boolean | JsonSchema;
}
interface Parameter {
  name: string;
  in: "path" | "query" | "header";
  schema?: JsonSchema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  consumes?: string[];
}

/**
 * The document with every `$ref` to a named schema (`#/components/schemas/X`, zod schemas
 * given an id) replaced by that schema, so the generator below reads plain JSON Schema.
 */
function inlineRefs<T>(doc: T): T {
  const schemas = (doc as { components?: { schemas?: Record<string, unknown> } }).components?.schemas ?? {};
  const walk = (value: unknown, depth: number): unknown => {
    if (Array.isArray(value)) return value.map((v) => walk(v, depth));
    if (value === null || typeof value !== "object") return value;
    const ref = (value as { $ref?: unknown }).$ref;
    if (typeof ref === "string" && ref.startsWith("#/components/schemas/") && depth < 12) {
      const { $ref: _, ...rest } = value as Record<string, unknown>;
      return { ...(walk(schemas[ref.slice("#/components/schemas/".length)], depth + 1) as object), ...rest };
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, depth)]));
  };
  return walk(doc, 0) as T;
}

const next = mulberry32(SEED);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;

/** Values no schema expects: every JSON type, edges of numbers, and strings that break parsers. */
const ODD: readonly unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  2 ** 53,
  -(2 ** 63),
  1e308,
  -1e308,
  "",
  " ",
  "\u0000",
  "a".repeat(70_000),
  "Ñandú 😀 \u200b\u202e",
  "<script>alert(1)</script>",
  "'; DROP TABLE contacts; --",
  "%_\\",
  "{{name",
  "{Halo|Hai",
  "../../../etc/passwd",
  "secret.key",
  "pg/base/16384/2619",
  "file:///etc/passwd",
  "http://127.0.0.1:5432/",
  "99999999999999999999",
  "-99999999999999999999",
  "99999999999999999999_00000000-0000-4000-8000-00000000abcd",
  "2099-13-45T25:61:61Z",
  "NaN",
  "Infinity",
  "0x10",
  "1e999",
  [],
  {},
  [null],
  { __proto__: { polluted: true } },
  { constructor: { prototype: { polluted: true } } },
];
const ODD_STRINGS = ODD.filter((v): v is string => typeof v === "string");

/** A value that fits `schema` (most of the time), with `ids` for uuid fields. */
function instance(schema: JsonSchema | undefined, ids: readonly string[], depth = 0): unknown {
  if (!schema || depth > 6) return pick(ODD);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return pick(schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return instance(pick(alternatives), ids, depth + 1);
  if (schema.allOf?.length) {
    const parts = schema.allOf.map((s) => instance(s, ids, depth + 1));
    return parts.every((p) => typeof p === "object" && p !== null && !Array.isArray(p))
      ? Object.assign({}, ...parts)
      : parts[0];
  }
  const type = Array.isArray(schema.type) ? pick(schema.type) : schema.type;
  switch (type) {
    case "object": {
      const o: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries(schema.properties ?? {})) {
        if (schema.required?.includes(key) || next() < 0.6) o[key] = instance(prop, ids, depth + 1);
      }
      return o;
    }
    case "array":
      return Array.from({ length: Math.floor(next() * 3) + 1 }, () => instance(schema.items, ids, depth + 1));
    case "integer":
    case "number": {
      const min = schema.minimum ?? 0;
      const max = schema.maximum ?? min + 100;
      const n = min + next() * (max - min);
      return type === "integer" ? Math.round(n) : n;
    }
    case "boolean":
      return next() < 0.5;
    case "null":
      return null;
    case "string":
      if (schema.format === "uuid") return pick(ids);
      if (schema.format === "date-time") return new Date(Date.now() + 86_400_000).toISOString();
      if (schema.format === "email") return `fuzz-${Math.floor(next() * 1e9)}@contoh.test`;
      if (schema.format === "uri") return "https://contoh.test/a.png";
      return "x".repeat(Math.max(schema.minLength ?? 1, Math.min(schema.maxLength ?? 8, 8)));
    default:
      return pick(ODD);
  }
}

/** Breaks a value in one or two places: drops a field, adds an unknown one, or puts an odd value in. */
function mutate(value: unknown, depth = 0): unknown {
  if (typeof value !== "object" || value === null || depth > 4) return next() < 0.7 ? pick(ODD) : value;
  const copy = structuredClone(value) as Record<string, unknown> | unknown[];
  if (Array.isArray(copy)) {
    if (copy.length === 0 || next() < 0.3) copy.push(pick(ODD));
    else copy[Math.floor(next() * copy.length)] = mutate(copy[Math.floor(next() * copy.length)], depth + 1);
    return copy;
  }
  const keys = Object.keys(copy);
  const roll = next();
  if (roll < 0.2 && keys.length > 0) delete copy[pick(keys)];
  else if (roll < 0.3)
    copy[pick(["extra", "id", "tenantId", "role", "__proto__", "constructor"])] = pick(ODD);
  else if (keys.length > 0) {
    const key = pick(keys);
    copy[key] = mutate(copy[key], depth + 1);
  }
  return copy;
}

/** Multipart bodies a broken or hostile client sends. */
function badMultiparts(): Array<{ name: string; payload: Buffer | string; contentType: string }> {
  const good = multipartBody([
    {
      name: "file",
      filename: "kontak.csv",
      value: Buffer.from("nama,telepon\nAni,081234567890\n"),
      contentType: "text/csv",
    },
  ]);
  const boundary = /boundary=(.+)$/.exec(good.headers["content-type"])![1]!;
  const text = good.payload.toString("latin1");
  return [
    { name: "no boundary", payload: good.payload, contentType: "multipart/form-data" },
    { name: "empty boundary", payload: good.payload, contentType: "multipart/form-data; boundary=" },
    { name: "wrong boundary", payload: good.payload, contentType: "multipart/form-data; boundary=lain" },
    {
      name: "cut short",
      payload: good.payload.subarray(0, Math.floor(good.payload.length / 2)),
      contentType: good.headers["content-type"],
    },
    {
      name: "no closing boundary",
      payload: text.replace(`--${boundary}--`, ""),
      contentType: good.headers["content-type"],
    },
    { name: "empty body", payload: "", contentType: good.headers["content-type"] },
    {
      name: "headers only",
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n`,
      contentType: good.headers["content-type"],
    },
    {
      name: "garbage",
      payload: Buffer.from(Array.from({ length: 2048 }, () => Math.floor(next() * 256))),
      contentType: good.headers["content-type"],
    },
    {
      name: "field, no file",
      payload: multipartBody([{ name: "catatan", value: "x" }]).payload,
      contentType: multipartBody([]).headers["content-type"],
    },
    { name: "json as multipart", payload: '{"a":1}', contentType: "multipart/form-data; boundary=x" },
  ];
}

let k: TestKabar;
let api: Api;
const ids: string[] = [UNKNOWN_ID];
let phone = "";

beforeAll(async () => {
  k = await startTestKabar();
  api = apiClient(k.http!, { cookie: k.cookie });
  const channel = (await ok(api<ChannelDto[]>("GET", "/channels")))[0]!;
  await untilConnected(api, channel.id);
  const contact = (await ok(api<{ items: ContactDto[] }>("GET", "/contacts?pageSize=1"))).items[0]!;
  // A demo customer whose phone is on WhatsApp (a few are not, and cannot write to the shop).
  const phones = await ok(api<Array<{ phone: string; onWhatsApp: boolean }>>("GET", "/sandbox/phones"));
  phone = phones.find((p) => p.onWhatsApp)!.phone;
  const template = await ok(
    api<{ id: string }>("POST", "/templates", { name: "Fuzz", body: "Halo {{name}}" }),
    201,
  );
  const campaign = await ok(
    api<{ id: string }>("POST", "/campaigns", {
      name: "Fuzz",
      channelId: channel.id,
      body: "Halo",
      audience: { type: "all" },
    }),
    201,
  );
  const upload = multipartBody([{ name: "file", filename: "a.png", value: PNG, contentType: "image/png" }]);
  const media = await ok(
    api<{ id: string }>("POST", "/templates/media", upload.payload, { headers: upload.headers }),
    201,
  );
  await ok(
    api("POST", `/sandbox/phones/${encodeURIComponent(phone)}/messages`, {
      channelId: channel.id,
      text: "Halo toko",
    }),
  );
  const conversation = await waitFor(
    async () => (await ok(api<Array<{ id: string }>>("GET", "/conversations")))[0],
  );
  ids.push(channel.id, contact.id, template.id, campaign.id, media.id, conversation.id, k.owner.userId!);
});
afterAll(async () => k?.close());

/** Path parameters that are not what the route expects. */
const BAD_PATH_VALUES = [
  "x",
  "0",
  "-1",
  "99999999999999999999",
  "a".repeat(300),
  "%00",
  "..%2F..%2Fsecret.key",
  "%E2%80%AE",
  "00000000-0000-0000-0000-000000000000",
  "%F0%9F%98%80",
  "+62%20812",
  "1'%20OR%20'1'='1",
];

describe(`API fuzz (seed ${SEED}, ${CASES} cases per operation)`, () => {
  it("answers every operation of the OpenAPI document below 500, and keeps answering", async () => {
    const doc = inlineRefs(k.http!.swagger()) as { paths: Record<string, Record<string, Operation>> };
    const failures: string[] = [];
    let requests = 0;
    const statuses = new Map<number, number>();
    const send = async (
      method: Method,
      path: string,
      payload?: unknown,
      headers?: Record<string, string>,
    ) => {
      requests++;
      let timer: NodeJS.Timeout | undefined;
      const noAnswer = new Promise<null>(
        (resolve) => (timer = setTimeout(() => resolve(null), ANSWER_WITHIN_MS)),
      );
      const r = await Promise.race([api(method, path, payload, headers ? { headers } : undefined), noAnswer]);
      clearTimeout(timer);
      if (r === null) {
        failures.push(
          `${method} ${path} ${JSON.stringify(payload ?? null).slice(0, 200)} → no answer within ${ANSWER_WITHIN_MS} ms`,
        );
        return null;
      }
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      if (r.status >= 500)
        failures.push(
          `${method} ${path} ${JSON.stringify(payload ?? null).slice(0, 200)} → ${r.status} ${r.text.slice(0, 200)}`,
        );
      return r;
    };
    const operations = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith("/api/v1/"))
      .flatMap(([path, ops]) =>
        Object.entries(ops).map(([method, op]) => ({
          method: method.toUpperCase() as Method,
          path: path.slice("/api/v1".length),
          op,
        })),
      )
      // Signing out would end the session the suite runs in.
      .filter((o) => !(o.method === "POST" && /^\/auth\/sign-out(-everywhere)?$/.test(o.path)));
    expect(operations.length).toBeGreaterThan(90);

    for (const { method, path, op } of operations) {
      const started = performance.now();
      const params = op.parameters ?? [];
      const query = params.filter((p) => p.in === "query");
      const fill = (bad: boolean) =>
        path.replace(/\{(\w+)\}/g, (_, name: string) => {
          if (bad) return pick(BAD_PATH_VALUES);
          return name === "phone" ? encodeURIComponent(phone) : pick(ids);
        });
      const queryString = (breakIt: boolean) => {
        const qs = new URLSearchParams();
        for (const p of query) {
          if (next() < 0.5) continue;
          const v =
            breakIt && next() < 0.6 ? pick(ODD_STRINGS).slice(0, 2000) : String(instance(p.schema, ids));
          qs.set(p.name, v);
        }
        if (breakIt && next() < 0.2)
          qs.set(pick(["__proto__", "cursor", "limit", "page"]), pick(ODD_STRINGS).slice(0, 200));
        const s = qs.toString();
        return s ? `?${s}` : "";
      };
      const json = op.requestBody?.content?.["application/json"]?.schema;
      const multipart =
        op.requestBody?.content?.["multipart/form-data"] !== undefined ||
        (op.consumes ?? []).includes("multipart/form-data");
      for (let i = 0; i < CASES; i++) {
        const badPath = params.some((p) => p.in === "path") && i % 6 === 5;
        const url = `${fill(badPath)}${queryString(i % 2 === 1)}`;
        if (method === "GET" || method === "DELETE" || (!json && !multipart)) {
          await send(method, url, method === "GET" ? undefined : i % 3 === 0 ? pick(ODD) : undefined);
        } else if (json) {
          const valid = instance(json, ids);
          const body = i % 4 === 0 ? valid : i % 7 === 3 ? pick(ODD) : mutate(valid);
          await send(method, url, JSON.stringify(body) ?? "null", { "content-type": "application/json" });
        }
      }
      if (method !== "GET") {
        // Every unsafe route, multipart or not, meets broken multipart bodies and odd content types.
        for (const bad of badMultiparts())
          await send(method, fill(false), bad.payload, { "content-type": bad.contentType });
        for (const contentType of [
          "text/plain",
          "application/xml",
          "application/json; charset=utf-16",
          "application/x-www-form-urlencoded",
        ]) {
          await send(method, fill(false), '{"a":', { "content-type": contentType });
        }
      }
      if (process.env.KABAR_FUZZ_TRACE)
        console.log(`${method} ${path} ${Math.round(performance.now() - started)} ms`);
    }
    if (process.env.KABAR_FUZZ_TRACE) console.log(Object.fromEntries(statuses));
    // The requests reached the handlers: most were refused as invalid, many were served.
    expect((statuses.get(400) ?? 0) + (statuses.get(404) ?? 0)).toBeGreaterThan(requests / 3);
    expect([...statuses.entries()].filter(([s]) => s < 300).reduce((n, [, c]) => n + c, 0)).toBeGreaterThan(
      requests / 10,
    );
    expect({ seed: SEED, requests, failures }).toEqual({ seed: SEED, requests, failures: [] });
    // Still alive and still serving this session.
    expect((await api("GET", "/auth/me")).status).toBe(200);
    const health = await k.http!.inject({ method: "GET", url: "/healthz" });
    expect({ status: health.statusCode, body: health.json() }).toEqual({ status: 200, body: { ok: true } });
  });
});
