import { setTimeout as sleep } from "node:timers/promises";
import type { CliContext } from "../context.js";
import { commandPrefix, countsLine, doneCount, statusText } from "../format.js";
import { print } from "../output.js";
import { progressView } from "../progress-view.js";
import { senderListening } from "../sender.js";
import { describeWatchEvent, WatchTracker } from "../watch.js";
import { audienceText, campaignDetails, channelName } from "./campaign-details.js";

/** How often the database is read while watching (the CLI may poll; the web UI never does). */
const POLL_MS = 1000;

/**
 * Follows a campaign with a progress bar on stderr (done = not pending/sending, over the
 * total) and the counts per state under it, reading it every second; tells the operator when it is paused (and why) or when
 * nothing moves for 30 s; when it completes, is cancelled or fails, prints its final
 * details on stdout.
 * @returns the exit code: 0, or 1 when the campaign failed
 */
export async function watchCampaign(ctx: CliContext, id: string): Promise<number> {
  const { campaigns } = ctx.services;
  const first = await campaigns.get(ctx.actor, id);
  const channel = await channelName(ctx, first.channelId);
  const prefix = commandPrefix();
  const tracker = new WatchTracker();
  const view = progressView();
  print(
    `Watching campaign ${first.name} (${id}) on ${channel}. Ctrl-C stops watching; the campaign goes on.`,
  );
  for (let c = first; ; c = await campaigns.get(ctx.actor, id)) {
    view.update(
      doneCount(c.counts),
      c.counts.total,
      statusText(c.status, c.statusReason),
      countsLine(c.counts),
    );
    for (const event of tracker.observe(c, Date.now())) {
      if (event.kind === "finished") {
        view.stop();
        const audience = await audienceText(ctx, c.audience);
        print(
          "",
          describeWatchEvent(event, id, prefix),
          ...campaignDetails(c, channel, audience, ctx.tenant.timeZone),
        );
        return event.exitCode;
      }
      const listening = event.kind === "stalled" ? await senderListening(ctx.db.database.pool) : null;
      view.log(describeWatchEvent(event, id, prefix, listening));
    }
    await sleep(POLL_MS);
  }
}
