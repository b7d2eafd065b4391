/**
 * The `cod-timeout` job: a COD order's timers (../cod.ts). `remind` is queued with the order
 * (startAfter = the shop's N hours), `flag` with the reminder (N hours more). Runs where
 * channels are held, like the messages it queues. Tests run `runCodTimeout` directly.
 */
import { z } from "zod";
import type { Db } from "../../../db/client.js";
import { rawExecutor } from "../../../db/transaction.js";
import { defineJob } from "../../../jobs/define.js";
import type { Enqueue } from "../../../jobs/enqueue.js";
import { queueOrderMessage } from "../hook.js";
import {
  codOfOrder,
  markCodReminded,
  moveCod,
  noteOnConversation,
  orderForMessage,
  settingsOf,
} from "../queries.js";
import { effectiveSettings } from "../settings.js";

/** One hour, ms. */
export const HOUR_MS = 3_600_000;

/** The internal note left on the conversation when a COD order is flagged for CS. */
const COD_FLAG_NOTE = (number: string) =>
  `COD belum dikonfirmasi: pesanan ${number} belum dijawab pelanggan setelah pengingat. Mohon dihubungi.`;

const codTimeoutPayload = z.object({
  tenantId: z.guid(),
  orderId: z.guid(),
  /** `remind`: send the reminder; `flag`: flag the order for CS. */
  step: z.enum(["remind", "flag"]),
});

interface CodTimeoutDeps {
  db: Db;
  enqueue: Enqueue;
  /** Now, epoch ms (tests: a fixed clock). */
  now?: () => number;
}

/**
 * The `cod-timeout` job's work. `remind`: still waiting → the `cod_reminder` message and the
 * flag's timer, in one transaction. `flag`: still waiting → `flagged` and an internal note on
 * the conversation. An order answered or moved meanwhile: nothing.
 */
export async function runCodTimeout(
  d: CodTimeoutDeps,
  job: { tenantId: string; orderId: string; step: "remind" | "flag" },
): Promise<void> {
  const now = new Date(d.now?.() ?? Date.now());
  const cod = await codOfOrder(d.db, job.tenantId, job.orderId);
  if (cod?.state !== "waiting") return;
  if (job.step === "remind") {
    if (cod.remindedAt) return;
    const hours = effectiveSettings(await settingsOf(d.db, job.tenantId)).codReminderHours;
    await d.db.transaction(async (tx) => {
      const raw = rawExecutor(tx);
      await queueOrderMessage(tx, raw, d.enqueue, job.tenantId, job.orderId, "cod_reminder");
      await markCodReminded(tx, job.tenantId, job.orderId, now);
      await d.enqueue(
        codTimeoutJob,
        { tenantId: job.tenantId, orderId: job.orderId, step: "flag" },
        { tx: raw, startAfter: new Date(now.getTime() + hours * HOUR_MS) },
      );
    });
    return;
  }
  if (!(await moveCod(d.db, job.tenantId, job.orderId, ["waiting"], "flagged", now))) return;
  if (cod.channelId && cod.contactId) {
    const number = (await orderForMessage(d.db, job.tenantId, job.orderId))?.number ?? "";
    await noteOnConversation(d.db, job.tenantId, cod.channelId, cod.contactId, COD_FLAG_NOTE(number));
  }
}

/** A COD order's timer (see the file header). */
export const codTimeoutJob = defineJob({
  id: "cod-timeout",
  payload: codTimeoutPayload,
  retry: { limit: 5, backoff: true },
  runsIn: ["channels"],
  handler: async (payload, _run, deps: CodTimeoutDeps) => {
    await runCodTimeout(deps, payload);
  },
});
