/**
 * The web app's API types (web/src/api/schema.d.ts) are generated from the OpenAPI document
 * by `npm run api:types`; this fails when the checked-in file is not what it writes now, so
 * a DTO change reaches the web app's typecheck (`tsc -p web`) in the same commit.
 */
import { describe, expect, it } from "vitest";
import { API_TYPES_PATH, generateApiTypes, readApiTypes } from "../scripts/api-types.js";

/** The first line where `a` and `b` differ (1-based), with both versions of it. */
function firstDifference(a: string, b: string): string {
  const x = a.split("\n");
  const y = b.split("\n");
  const i = x.findIndex((line, n) => line !== y[n]);
  const n = i === -1 ? x.length : i;
  return `line ${n + 1}: checked in ${JSON.stringify(x[n] ?? "<end>")}, generated ${JSON.stringify(y[n] ?? "<end>")}`;
}

describe("web API types", () => {
  it("web/src/api/schema.d.ts is what `npm run api:types` generates from the API", async () => {
    const generated = await generateApiTypes();
    const checkedIn = readApiTypes();
    if (checkedIn !== generated) {
      expect.fail(
        `${API_TYPES_PATH} is out of date (${firstDifference(checkedIn, generated)}): run npm run api:types`,
      );
    }
    // Deterministic: a second build of the document gives the same text.
    expect(await generateApiTypes()).toBe(generated);
  });
});
