import type { Db } from "../../db/client.js";
import type { Bus } from "../../lib/bus.js";
import type { SenderFactory } from "../../channels/sender.js";
import { Dispatcher, type DispatcherOptions } from "./dispatcher.js";

/**
 * The channel manager's sender factory (src/channels/sender.ts): one campaign Dispatcher per
 * live channel, announcing progress on `bus`. Handed to the manager by the composition root.
 */
export function campaignSenders(db: Db, bus: Bus, opts: DispatcherOptions = {}): SenderFactory {
  return (channel, log) => new Dispatcher(db, channel, bus, log, opts);
}
