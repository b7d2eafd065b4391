/**
 * The audit page shows every action a service records in words: each `action: "x.y"` (or
 * `return "x.y"` of an action-choosing helper) in a file that calls `recordAudit` has its
 * words in both languages of the web catalogue (web/src/i18n/{id,en}/audit.json). Generic
 * entries of routes are named by their permission key, which the permissions catalogue
 * labels (src/permissions-doc.test.ts).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : e.name.endsWith(".ts") && !e.name.endsWith(".test.ts")
        ? [join(dir, e.name)]
        : [],
  );
}

/** The actions the server's services record. */
function recordedActions(): string[] {
  const found = new Set<string>();
  for (const file of sources(join(ROOT, "src"))) {
    const text = readFileSync(file, "utf8");
    if (!text.includes("recordAudit(") && !text.includes("audit.record(")) continue;
    for (const m of text.matchAll(/(?:action: |return |Entry\()"([a-z_]+\.[a-z_]+)"/g)) found.add(m[1]!);
  }
  return [...found].sort();
}

function worded(language: "id" | "en"): Set<string> {
  const tree = JSON.parse(readFileSync(join(ROOT, `web/src/i18n/${language}/audit.json`), "utf8")) as {
    audit: { actions: Record<string, Record<string, string>> };
  };
  return new Set(
    Object.entries(tree.audit.actions).flatMap(([thing, verbs]) =>
      Object.keys(verbs).map((v) => `${thing}.${v}`),
    ),
  );
}

describe("audit actions in words", () => {
  it("finds the services' actions (the scan itself works)", () => {
    expect(recordedActions()).toEqual(
      expect.arrayContaining(["user.update_role", "campaign.start", "auth.sign_in"]),
    );
  });

  it.each(["id", "en"] as const)("the %s catalogue words every action a service records", (language) => {
    const words = worded(language);
    expect(recordedActions().filter((a) => !words.has(a))).toEqual([]);
  });
});
