import { describe, expect, it } from "vitest";
import { ConfigError } from "../config.js";
import { campaignErrors } from "../modules/campaigns/index.js";
import { CliError, describeError, EXIT_CONFIG } from "./errors.js";

describe("describeError", () => {
  it("prints a KabarError in English with its fields, no stack and no machine code", () => {
    const { text, exitCode } = describeError(campaignErrors.emptyAudience());
    expect(text).toBe("error: No contact matches the audience\n  audience: no contact matches");
    expect(exitCode).toBe(1);
    expect(describeError(campaignErrors.notFound()).text).toBe("error: campaign not found");
  });

  it("exits 78 on a configuration error", () => {
    const r = describeError(new ConfigError([{ variable: "PORT", message: "too big" }]));
    expect(r.exitCode).toBe(EXIT_CONFIG);
    expect(r.text).toContain("PORT: too big");
  });

  it("prints CLI, PostgreSQL and system errors without a stack", () => {
    expect(describeError(new CliError("no such file: x.csv")).text).toBe("error: no such file: x.csv");
    const pgError = Object.assign(new Error('relation "x" does not exist'), { code: "42P01" });
    expect(describeError(pgError).text).toBe('error: relation "x" does not exist (42P01)');
  });

  it("prints the stack of an unexpected error", () => {
    const { text, exitCode } = describeError(new TypeError("boom"));
    expect(text).toMatch(/^unexpected error: TypeError: boom\n\s+at /);
    expect(exitCode).toBe(1);
  });
});
