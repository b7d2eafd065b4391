import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../services.js";
import { buildHttp } from "./app.js";
import type { App } from "./types.js";

/**
 * The OpenAPI document at /docs/json declares the multipart body of every upload route (issue
 * 11 §7): a client generated from it must know to send the file as form field "file".
 */
let app: App;
beforeAll(async () => {
  app = await buildHttp({
    services: {} as Services,
    logger: pino({ level: "silent" }),
    cookieSecure: false,
    sessionTtlHours: 1,
    apiDocs: "public",
  });
});
afterAll(async () => {
  await app?.close();
});

interface Operation {
  requestBody?: {
    required?: boolean;
    content?: Record<
      string,
      { schema?: { type?: string; required?: string[]; properties?: Record<string, unknown> } }
    >;
  };
}

describe("OpenAPI document: uploads", () => {
  it.each([
    "/api/v1/contacts/imports",
    "/api/v1/contacts/imports/preview",
    "/api/v1/templates/media",
    "/api/v1/conversations/{id}/media",
  ])("POST %s takes multipart/form-data with a binary `file`", async (path) => {
    const r = await app.inject({ method: "GET", url: "/docs/json" });
    expect(r.statusCode).toBe(200);
    const doc = r.json() as { paths: Record<string, Record<string, Operation>> };
    const op = doc.paths[path]?.post;
    expect(op, `${path} is in the document`).toBeDefined();
    expect(op!.requestBody?.required).toBe(true);
    expect(Object.keys(op!.requestBody?.content ?? {})).toEqual(["multipart/form-data"]);
    const schema = op!.requestBody!.content!["multipart/form-data"]!.schema!;
    expect(schema).toMatchObject({
      type: "object",
      required: ["file"],
      properties: { file: { type: "string", format: "binary" } },
    });
  });
});
