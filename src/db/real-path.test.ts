import { mkdirSync, mkdtempSync, realpathSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { realPath } from "./real-path.js";

describe("realPath", () => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "kabar-real-")));
  mkdirSync(join(root, "data"));
  symlinkSync(join(root, "data"), join(root, "link"));

  it("resolves a link to the directory it names", () => {
    expect(realPath(join(root, "link"))).toBe(join(root, "data"));
  });

  it("resolves the existing part of a path that does not exist yet", () => {
    expect(realPath(join(root, "link", "pg", "base"))).toBe(join(root, "data", "pg", "base"));
  });

  it("makes a relative path absolute", () => {
    expect(realPath(".")).toBe(realpathSync(process.cwd()));
  });
});
