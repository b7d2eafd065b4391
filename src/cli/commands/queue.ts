import type { Command } from "commander";
import { JOBS } from "../../jobs.js";
import type { CliContext } from "../context.js";
import { formatNumber, renderTable, statusText, truncate } from "../format.js";
import { print } from "../output.js";
import { bossSchemaVersion, JOB_STATES, jobCounts } from "../pgboss.js";
import { run } from "../run.js";
import { senderListening } from "../sender.js";

/** pg-boss jobs per queue and state (read straight from its tables: no pg-boss started). */
async function printJobs(ctx: CliContext): Promise<void> {
  const pool = ctx.db.database.pool;
  print("Jobs (pg-boss)");
  if ((await bossSchemaVersion(pool)) === null) {
    print("  pg-boss is not installed in this database yet: Kabar creates it when it starts (`npm start`).");
    return;
  }
  const names: string[] = JOBS.map((j) => j.id);
  const counts = await jobCounts(pool, names);
  const rows = names.map((name) => [
    name,
    ...JOB_STATES.map((s) => formatNumber(counts.get(name)?.[s] ?? 0)),
  ]);
  const columns = [{ header: "QUEUE" }, ...JOB_STATES.map((s) => ({ header: s.toUpperCase(), right: true }))];
  print(...renderTable(columns, rows).map((l) => `  ${l}`));
}

/** Recipients still to send (pending or sending) of each running or paused campaign. */
async function printWaiting(ctx: CliContext): Promise<void> {
  const campaigns = (await ctx.services.campaigns.list(ctx.actor)).filter(
    (c) => c.status === "running" || c.status === "paused",
  );
  print("", "Recipients waiting");
  if (campaigns.length === 0) {
    print("  No running or paused campaign.");
    return;
  }
  const rows = campaigns.map((c) => [
    c.id,
    truncate(c.name, 32),
    statusText(c.status, c.statusReason),
    formatNumber(c.counts.pending),
    formatNumber(c.counts.sending),
  ]);
  const columns = [
    { header: "CAMPAIGN" },
    { header: "NAME" },
    { header: "STATUS" },
    { header: "PENDING", right: true },
    { header: "SENDING", right: true },
  ];
  print(...renderTable(columns, rows).map((l) => `  ${l}`));
}

async function queueStatus(ctx: CliContext): Promise<void> {
  await printJobs(ctx);
  await printWaiting(ctx);
  const listening = await senderListening(ctx.db.database.pool);
  if (listening !== null)
    print(
      "",
      listening
        ? "A Kabar server is sending (listening for campaign starts)."
        : "No Kabar server is sending: start it with `npm start`.",
    );
}

/** `kabar queue status`. */
export function registerQueue(program: Command): void {
  program
    .command("queue")
    .description("background jobs and sending")
    .command("status")
    .description("pg-boss queue sizes and the recipients waiting per running campaign")
    .action((_o: unknown, c: Command) => run(c, {}, queueStatus));
}
