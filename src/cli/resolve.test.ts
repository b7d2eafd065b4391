import { describe, expect, it } from "vitest";
import { CliError } from "./errors.js";
import { isUuid, parseAudience, parseId, pickByIdOrName } from "./resolve.js";

const IMPORT_ID = "3f2b9c1e-0d4a-4c4e-9a53-2a1f0c9b7e11";

describe("parseAudience", () => {
  it("reads labels, matching any by default", () => {
    expect(parseAudience({ labels: "pelanggan-demo, vip" })).toEqual({
      type: "labels",
      labels: ["pelanggan-demo", "vip"],
      match: "any",
    });
  });

  it("reads --match all with labels", () => {
    expect(parseAudience({ labels: "a,b", match: "all" })).toEqual({
      type: "labels",
      labels: ["a", "b"],
      match: "all",
    });
  });

  it("reads an import and --all", () => {
    expect(parseAudience({ import: IMPORT_ID.toUpperCase() })).toEqual({
      type: "import",
      importId: IMPORT_ID,
    });
    expect(parseAudience({ all: true })).toEqual({ type: "all" });
  });

  it("wants exactly one audience", () => {
    expect(() => parseAudience({})).toThrow(/exactly one/);
    expect(() => parseAudience({ labels: "a", all: true })).toThrow(/exactly one/);
    expect(() => parseAudience({ labels: "a", import: IMPORT_ID })).toThrow(CliError);
  });

  it("rejects empty labels, a bad --match, --match without labels, a bad import id", () => {
    expect(() => parseAudience({ labels: " , " })).toThrow(/at least one label/);
    expect(() => parseAudience({ labels: "a", match: "some" })).toThrow(/"any" or "all"/);
    expect(() => parseAudience({ all: true, match: "all" })).toThrow(/--match goes with --labels/);
    expect(() => parseAudience({ import: "kemarin" })).toThrow(/not a import id|not a/);
  });
});

describe("ids", () => {
  it("accepts UUIDs only", () => {
    expect(isUuid(IMPORT_ID)).toBe(true);
    expect(isUuid("123")).toBe(false);
    expect(parseId(` ${IMPORT_ID} `, "campaign")).toBe(IMPORT_ID);
    expect(() => parseId("abc", "campaign")).toThrow('"abc" is not a campaign id');
  });
});

describe("pickByIdOrName", () => {
  const channels = [
    { id: "11111111-1111-4111-8111-111111111111", name: "WhatsApp Toko" },
    { id: "22222222-2222-4222-8222-222222222222", name: "Cabang Makassar" },
    { id: "33333333-3333-4333-8333-333333333333", name: "Cabang Makassar" },
  ];

  it("finds by id, then by name ignoring case", () => {
    expect(pickByIdOrName(channels, "22222222-2222-4222-8222-222222222222", "channel").name).toBe(
      "Cabang Makassar",
    );
    expect(pickByIdOrName(channels, " whatsapp toko ", "channel").id).toBe(channels[0]!.id);
  });

  it("lists the choices when the name is ambiguous or unknown", () => {
    expect(() => pickByIdOrName(channels, "cabang makassar", "channel")).toThrow(
      /several channels are named "cabang makassar"[\s\S]*2222[\s\S]*3333/,
    );
    expect(() => pickByIdOrName(channels, "Jakarta", "channel")).toThrow(
      /no channel "Jakarta"; the channels are:[\s\S]*WhatsApp Toko/,
    );
    expect(() => pickByIdOrName([], "x", "channel")).toThrow("there is no channel yet");
  });
});
