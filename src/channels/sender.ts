/**
 * What the channel manager hands a live channel's traffic to, without knowing the domain
 * behind it: a sender per channel (the campaign dispatcher, src/modules/campaigns) built by a
 * factory, and a sink for inbound messages (the inbox). The composition root (src/kabar.ts)
 * passes both in, so channels/ never imports modules/ (docs/DESIGN.md §3.1 rule 2).
 */
import type { Logger } from "pino";
import type { PacingPolicy } from "./pacing.js";
import type { ChannelStatus, InboundMessage, ReceiptEvent, Transport } from "./transport.js";

/** What a sender knows about its channel; owned by the channel manager. */
export interface SenderChannel {
  id: string;
  tenantId: string;
  /** The channel's kind (`sandbox`, `whatsapp_web`, `cloud_api`): a Cloud API number sends a campaign's approved template. */
  kind: string;
  transport: Transport;
  /** The channel's status now (`disconnected` once this process let the channel go). */
  status(): ChannelStatus;
  /** The channel's pacing policy now (reloaded when the owner changes it). */
  policy(): PacingPolicy;
  createdAt: Date;
  /** IANA time zone of the shop (working hours of the pacing policy). */
  timeZone: string;
  /** True when the network de-duplicates by message id (sandbox, Baileys): a recipient left
   * "sending" by a crash is resent with the same id. False (Cloud API): marked `unknown`. */
  dedupes: boolean;
}

/** The outbound loop of one live channel, driven by the manager. */
export interface ChannelSender {
  /** Starts the loop. */
  start(): void;
  /** Stops after the current send; resolves when its outcomes are written. */
  stop(): Promise<void>;
  /** Wakes an idle or waiting loop (new work, a reconnect). */
  wake(): void;
  /** A delivery receipt of the channel's transport. */
  onReceipt(r: ReceiptEvent): void;
  /** Pauses what the channel is sending, with the reason shown to the shop (e.g. `channel_blocked`). */
  pauseCampaigns(reason: string): Promise<void>;
}

/** Builds the sender of a channel the manager just took; `log` is the channel's child logger. */
export type SenderFactory = (channel: SenderChannel, log: Logger) => ChannelSender;

/** Where a live channel's inbound messages go (the inbox stores them). */
export interface InboundSink {
  /** Stores one inbound message of `channel`; rejects when it could not be stored. */
  receive(channel: { id: string; tenantId: string }, m: InboundMessage): Promise<unknown>;
}
