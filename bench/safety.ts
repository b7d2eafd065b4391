/**
 * `npm run bench:safety` (issue 15): a simulated 14-day warm-up of a new WhatsApp Web number
 * on the sandbox's restriction model, sending the same campaign list (a) with Kabar's
 * `safe` pacing preset and governor, and (b) with a fixed 5 s sender like the systems Kabar
 * replaces (the baseline, measured in the same run). Prints per day and sender: delivered
 * (warm / cold), silently dropped, refused (463), recipients left, the cap at day end,
 * timelocks started and the ban (rule: bench/safety-sim.ts `BAN_RULE`); then a summary.
 * Deterministic under `--seed` (printed). Options: `-- --seed S --recipients N --warm 0.3
 * --days 14`. See bench/safety-sim.ts for what the simulation leaves out.
 */
import { BAN_RULE, campaignList, type DayRow, runFixed, runKabar } from "./safety-sim.js";
import { machine } from "./support.js";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

const SEED = arg("seed", "kabar-safety");
const RECIPIENTS = Number(arg("recipients", "3000"));
const WARM = Number(arg("warm", "0.3"));
const DAYS = Number(arg("days", "14"));
/** The number is new on Monday 2 March 2026, 08:00 in Jakarta (its cap cycles start then). */
const SINCE = Date.parse("2026-03-02T01:00:00Z");

const HEAD = ["day", "warm", "cold", "dropped", "463", "held back", "cap at 21:00", "timelocks", "banned"];

/** A markdown table row. */
function line(cells: Array<string | number>): string {
  return `| ${cells.join(" | ")} |`;
}

function table(title: string, rows: DayRow[]): void {
  console.log(`\n${title}\n`);
  console.log(line(HEAD));
  console.log(line(HEAD.map(() => "---")));
  for (const r of rows) {
    const cells = [
      r.day + 1,
      r.deliveredWarm,
      r.deliveredCold,
      r.dropped,
      r.refused,
      r.left,
      r.cap,
      r.timelocks,
    ];
    console.log(line([...cells, r.banned ? "**yes**" : "no"]));
  }
}

function summary(name: string, rows: DayRow[]): string {
  const sum = (f: (r: DayRow) => number) => rows.reduce((n, r) => n + f(r), 0);
  const delivered = sum((r) => r.deliveredWarm + r.deliveredCold);
  const cold = sum((r) => r.deliveredCold);
  const banned = rows.filter((r) => r.banned).length;
  const firstBan = rows.find((r) => r.banned);
  const lost = sum((r) => r.dropped + r.refused);
  return line([
    name,
    delivered,
    cold,
    lost,
    sum((r) => r.timelocks),
    firstBan ? `day ${firstBan.day + 1}` : "never",
    banned,
    rows.at(-1)?.left ?? 0,
  ]);
}

const started = performance.now();
const list = campaignList(SEED, RECIPIENTS, WARM);
const warm = list.filter((r) => r.warm).length;
console.log(`bench:safety — ${machine()}`);
console.log(
  `seed "${SEED}", ${RECIPIENTS} recipients (${warm} warm, ${RECIPIENTS - warm} cold), ${DAYS} days; ` +
    `ban: ${BAN_RULE.timelocks} timelocks within 7 days or ${BAN_RULE.pastCapPerCycle} cold sends past the cap in one cycle`,
);
const kabar = await runKabar(SEED, SINCE, list, DAYS);
const fixed = await runFixed(SEED, SINCE, list, DAYS);
const unbanned = await runFixed(SEED, SINCE, list, DAYS, false);
table("(a) Kabar: safe pacing + governor", kabar);
table("(b) baseline: one message every 5 s, 08:00–21:00, warnings ignored", fixed);
table("(b′) the same baseline if the ban never came (banned = the rule was met)", unbanned);
console.log("\nSummary\n");
console.log(
  line([
    "sender",
    "delivered",
    "of which cold",
    "dropped + 463",
    "timelocks",
    "banned from",
    "days banned",
    "left",
  ]),
);
console.log(line(Array.from({ length: 8 }, () => "---")));
console.log(summary("(a) Kabar", kabar));
console.log(summary("(b) fixed 5 s", fixed));
console.log(summary("(b′) fixed 5 s, never banned", unbanned));
console.log(`\n(simulated in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
