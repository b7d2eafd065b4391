import { readFileSync } from "node:fs";
import { getTableName, is } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import * as schema from "./index.js";

/** The tables named in the first column of docs/DESIGN.md §3.4's owner table, in order. */
function documentedTables(): string[] {
  const doc = readFileSync(new URL("../../../docs/DESIGN.md", import.meta.url), "utf8");
  const section = doc.slice(doc.indexOf("### 3.4 One owner per table"), doc.indexOf("## 4. "));
  return section
    .split("\n")
    .filter((l) => l.startsWith("| `"))
    .flatMap((l) => [...l.split("|")[1]!.matchAll(/`([a-z_]+)`/g)].map((m) => m[1]!));
}

describe("docs/DESIGN.md §3.4, one owner per table", () => {
  it("names every table of the schema once, with its owner", () => {
    const documented = documentedTables();
    const tables = Object.values(schema)
      .filter((t) => is(t, PgTable))
      .map((t) => getTableName(t as PgTable));
    expect(tables.filter((t) => !documented.includes(t))).toEqual([]);
    expect(documented.filter((t, i) => documented.indexOf(t) !== i)).toEqual([]);
  });
});
