import type { Logger } from "pino";
import type { Bus } from "../../lib/bus.js";
import type { NewNotification, NotificationService } from "./service.js";

/** Channel states that stop sending until the owner acts, and how loud they are. */
const CHANNEL_STOPS: Record<string, Pick<NewNotification, "kind" | "severity">> = {
  blocked: { kind: "channel_blocked", severity: "error" },
  logged_out: { kind: "channel_logged_out", severity: "error" },
  needs_token: { kind: "channel_needs_token", severity: "error" },
  replaced: { kind: "channel_replaced", severity: "warning" },
};

/** Meta's template review states the owner is told about, and how loud they are. */
const TEMPLATE_REVIEWS: Record<string, Pick<NewNotification, "kind" | "severity">> = {
  APPROVED: { kind: "wa_template_approved", severity: "info" },
  REJECTED: { kind: "wa_template_rejected", severity: "warning" },
  PAUSED: { kind: "wa_template_paused", severity: "warning" },
};

/**
 * Tells the shop what it must act on, from the bus: a channel blocked (Baileys 403, Cloud
 * API 131048 / 368 and the other stop-class codes), logged out, needing a new token or
 * replaced; a campaign paused by Kabar itself (a pause with a reason: the channel stopped,
 * too many failures — an owner's own pause has none), completed or failed; Meta's review
 * of a WhatsApp template (approved, rejected or paused — `reason` names the template and
 * Meta's reason — or its category changed, which changes its price); a WhatsApp Web
 * number whose new chats are slowed, held or resumed (the campaigns' governor, issue 15).
 * Runs where channels are held (the statuses are emitted there), so each is told once.
 * @returns stop listening
 */
export function listenForNotifications(
  bus: Bus,
  notifications: NotificationService,
  log: Logger,
): () => void {
  const tell = (n: NewNotification) =>
    void notifications
      .notify(n)
      .catch((err: unknown) => log.warn({ err, kind: n.kind }, "storing a notification failed"));
  const offs = [
    bus.on("channel.status", ({ tenantId, channelId, status, reason }) => {
      const stop = CHANNEL_STOPS[status];
      if (stop) tell({ tenantId, channelId, reason: reason ?? null, ...stop });
    }),
    bus.on("channel.restricted", ({ tenantId, channelId, state, until }) =>
      tell({
        tenantId,
        channelId,
        kind: "channel_restricted",
        severity: state === "resumed" ? "info" : "warning",
        reason: state,
        until: until === null ? null : new Date(until),
      }),
    ),
    bus.on("campaign.status", ({ tenantId, campaignId, status, reason }) => {
      if (status === "paused" && reason)
        tell({ tenantId, campaignId, kind: "campaign_paused", severity: "warning", reason });
      else if (status === "completed")
        tell({ tenantId, campaignId, kind: "campaign_completed", severity: "info" });
      else if (status === "failed")
        tell({ tenantId, campaignId, kind: "campaign_failed", severity: "error", reason: reason ?? null });
    }),
    bus.on("wa-template.review", (r) => {
      const subject = `${r.name} (${r.language})`;
      if (r.kind === "category")
        tell({
          tenantId: r.tenantId,
          channelId: r.channelId,
          kind: "wa_template_category_changed",
          severity: "warning",
          reason: `${subject}: ${r.previousCategory} → ${r.category}`,
        });
      else if (TEMPLATE_REVIEWS[r.status])
        tell({
          tenantId: r.tenantId,
          channelId: r.channelId,
          ...TEMPLATE_REVIEWS[r.status]!,
          reason: r.reason && r.reason !== "NONE" ? `${subject}: ${r.reason}` : subject,
        });
    }),
  ];
  return () => {
    for (const off of offs) off();
  };
}
