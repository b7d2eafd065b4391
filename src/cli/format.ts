import type { Audience } from "../db/schema/campaigns.js";
import type { CampaignCounts } from "../modules/campaigns/index.js";

/** A number with thousands separators: 12345 → "12,345". */
export function formatNumber(n: number): string {
  return n.toLocaleString("en-US");
}

/** Recipient states in the order operators read them, then replies. */
export const COUNT_KEYS = [
  "pending",
  "sending",
  "sent",
  "delivered",
  "read",
  "failed",
  "skipped",
  "unknown",
  "suspected_drop",
  "replied",
] as const;

/** Recipients whose outcome is settled: everything not pending or sending. */
export function doneCount(c: CampaignCounts): number {
  return c.total - c.pending - c.sending;
}

/** Whole percent of `done` over `total`, rounded down so 100% means all done; "–" when total is 0. */
export function percent(done: number, total: number): string {
  if (total <= 0) return "–";
  return `${Math.floor((done * 100) / total)}%`;
}

/** "45% (450 of 1,000 done)". */
export function progressText(c: CampaignCounts): string {
  return `${percent(doneCount(c), c.total)} (${formatNumber(doneCount(c))} of ${formatNumber(c.total)} done)`;
}

/** States a watcher always sees, even at 0 (the README promises them); others show once they occur. */
const ALWAYS_SHOWN = new Set<string>(["sent", "delivered", "read", "failed", "replied"]);

/** The counts per state on one line, for a live display: "sent 12 · delivered 8 · read 3 · failed 0 · replied 1". */
export function countsLine(c: CampaignCounts): string {
  return COUNT_KEYS.filter((k) => c[k] > 0 || ALWAYS_SHOWN.has(k))
    .map((k) => `${k} ${formatNumber(c[k])}`)
    .join(" · ");
}

/** One state per line, numbers aligned on the right: "  pending    1,234". */
export function countsBlock(c: CampaignCounts, indent = "  "): string[] {
  return renderPairs(
    COUNT_KEYS.map((k) => [k, c[k]]),
    indent,
  );
}

/** A column of {@link renderTable}: its header and whether values align right (numbers). */
interface Column {
  header: string;
  right?: boolean;
}

/**
 * A plain-text table: header row, then one row per entry, columns padded to their widest
 * cell and separated by two spaces. Trailing spaces are trimmed.
 */
export function renderTable(columns: Column[], rows: string[][]): string[] {
  const widths = columns.map((col, i) =>
    Math.max(col.header.length, ...rows.map((r) => (r[i] ?? "").length)),
  );
  const line = (cells: string[]) =>
    columns
      .map((col, i) => {
        const cell = cells[i] ?? "";
        const w = widths[i] ?? 0;
        return col.right ? cell.padStart(w) : cell.padEnd(w);
      })
      .join("  ")
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...rows.map(line)];
}

/** "a, b,,c" → ["a", "b", "c"]: trimmed, empties dropped, duplicates removed. */
export function splitList(value: string | undefined): string[] {
  if (!value) return [];
  return [
    ...new Set(
      value
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

/**
 * How the operator invoked the CLI, for "next step" hints: `npm run kabar --` under
 * npm, `npx kabar` otherwise.
 */
export function commandPrefix(env: NodeJS.ProcessEnv = process.env): string {
  return env.npm_lifecycle_event === "kabar" ? "npm run kabar --" : "npx kabar";
}

/**
 * Labelled values, one per line, values aligned after the widest label. Numbers get
 * thousands separators and align on the right: [["rows", 1234], ["file", "a.csv"]] →
 * "  rows  1,234" / "  file  a.csv".
 */
export function renderPairs(pairs: Array<[string, string | number]>, indent = "  "): string[] {
  const keyWidth = Math.max(...pairs.map(([k]) => k.length));
  const text = pairs.map(
    ([k, v]) => [k, typeof v === "number" ? formatNumber(v) : v, typeof v === "number"] as const,
  );
  const numberWidth = Math.max(0, ...text.filter(([, , n]) => n).map(([, v]) => v.length));
  return text.map(([k, v, n]) =>
    `${indent}${k.padEnd(keyWidth)}  ${n ? v.padStart(numberWidth) : v}`.trimEnd(),
  );
}

/**
 * "labels pelanggan-demo, vip (match all)", "contacts of import pelanggan.csv", "all
 * contacts". An import is named by its file when `importName` is given, else by its id.
 */
export function describeAudience(a: Audience, importName?: string | null): string {
  switch (a.type) {
    case "all":
      return "all contacts";
    case "import":
      return `contacts of import ${importName ?? a.importId}`;
    case "labels":
      return `labels ${a.labels.join(", ")} (match ${a.match ?? "any"})`;
    case "drops":
      return `suspected drops of campaign ${a.campaignId}`;
    case "segment":
      return `customers in segment ${a.segment}`;
    case "reminders":
      return `repeat-order reminders of run ${a.runId}`;
    case "outlet":
      return `customers of outlet ${a.outletId}`;
  }
}

/** A campaign status with its reason when there is one: "paused (channel_blocked)". */
export function statusText(status: string, reason: string | null): string {
  return reason ? `${status} (${reason})` : status;
}

/** `text` cut to `max` characters with an ellipsis. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
