import type { Db } from "../../db/client.js";
import type { SandboxNetwork } from "../../channels/sandbox/network.js";
import type { SandboxFault } from "../../channels/sandbox/connection.js";
import type { SandboxStore } from "../../channels/sandbox/store.js";
import type { SandboxAction } from "../../channels/sandbox/control.js";
import { CapUsedAboveTotal } from "../../channels/sandbox/restrictions.js";
import type { ChannelManager } from "../../channels/manager.js";
import { forwardToHolder } from "../../channels/control.js";
import { requirePermission, type Actor } from "../../lib/actor.js";
import { channelErrors } from "../channels/index.js";
import { channelIdsInScope } from "../outlets/index.js";
import { sandboxErrors } from "./errors.js";
import { tenantChannel, tenantChannelNumbers, tenantPhone, tenantPhones } from "./pg-store.js";

/**
 * The sandbox's virtual customers as a tenant sees them: list them, open one as a phone
 * (what it received), reply from it, scan a channel's QR with it, and inject faults.
 * Acting on a channel needs its live transport: when another process holds the channel
 * (several Kabar processes, or KABAR_ROLE=web here), the action is forwarded to it
 * (ChannelManager.control / forwardToHolder); a phone's message is recorded here first.
 */
export function createSandboxService(
  db: Db,
  network: SandboxNetwork,
  store: SandboxStore,
  manager: ChannelManager | null,
) {
  const here = (channelId: string) => manager?.holds(channelId) ?? false;
  const forward = (channelId: string, action: SandboxAction) =>
    forwardToHolder(db, channelId, "transport", action);
  async function phone(actor: Actor, number: string) {
    const p = await tenantPhone(db, actor.tenantId, number);
    if (!p) throw sandboxErrors.phoneNotFound();
    return p;
  }
  /**
   * The shop's sandbox channel, in the actor's outlets: 404 for an unknown path id (or another
   * outlet's), 400 `unknown_channel` naming `field` for a body id.
   */
  async function sandboxChannel(actor: Actor, channelId: string, field?: string) {
    const mine = await channelIdsInScope(db, actor);
    const c = mine && !mine.has(channelId) ? undefined : await tenantChannel(db, actor.tenantId, channelId);
    if (!c) throw field ? channelErrors.unknownChannel({ field }) : channelErrors.notFound();
    if (c.kind !== "sandbox" || !c.phone) throw sandboxErrors.notSandbox();
    return c;
  }
  return {
    async listPhones(actor: Actor) {
      const rows = await tenantPhones(db, actor.tenantId);
      return rows.map((p) => ({
        phone: p.phone,
        name: p.name,
        onWhatsApp: p.onWhatsApp,
        readRate: p.readRate,
        replyRate: p.replyRate,
      }));
    },
    /**
     * What the phone received and sent, oldest first: only with the shop's numbers, and for
     * an actor limited to outlets only with its outlets' numbers. @throws KabarError 404
     */
    async phoneMessages(actor: Actor, number: string) {
      await phone(actor, number);
      const mine = await channelIdsInScope(db, actor);
      const own = (await tenantChannelNumbers(db, actor.tenantId)).filter((c) => !mine || mine.has(c.id));
      const ids = new Set(own.map((c) => c.id));
      const phones = new Set(own.map((c) => c.phone));
      // Only what passed between this phone and the tenant's own channels.
      return (await store.listMessagesForPhone(number, 200)).filter((m) =>
        m.direction === "in" ? ids.has(m.channelId) : phones.has(m.to),
      );
    },
    /** The phone writes to a sandbox channel. @throws KabarError 404 (the phone), 400 `unknown_channel`, `not_sandbox`, `sandbox_phone_not_on_whatsapp` */
    async sendFromPhone(
      actor: Actor,
      number: string,
      channelId: string,
      text: string,
    ): Promise<{ messageId: string }> {
      const p = await phone(actor, number);
      const c = await sandboxChannel(actor, channelId, "channelId");
      if (!p.onWhatsApp) throw sandboxErrors.phoneNotOnWhatsApp();
      if (here(c.id)) return { messageId: await network.sendFromPhone(number, c.phone!, text) };
      const message = await network.recordFromPhone(number, c.phone!, text);
      await forward(c.id, { type: "phone-message", message });
      return { messageId: message.messageId };
    },
    /** Scans the QR the channel shows. @returns false when no QR is showing. */
    async scan(actor: Actor, channelId: string): Promise<boolean> {
      const c = await sandboxChannel(actor, channelId);
      if (here(channelId)) return network.scan(channelId);
      if (c.status !== "qr") return false;
      await forward(channelId, { type: "scan" });
      return true;
    },
    /**
     * Owner only. A fault for a channel held by another process is forwarded there (a bad
     * `cap` value is then only logged by the holder).
     * @throws KabarError 400 `sandbox_cap_used_above_total` (a `cap` fault's `used` above the cycle's total)
     */
    async injectFault(
      actor: Actor,
      channelId: string,
      fault: SandboxFault | { type: "clear" },
    ): Promise<void> {
      requirePermission(actor, "channels.manage");
      await sandboxChannel(actor, channelId);
      if (!here(channelId))
        await forward(channelId, fault.type === "clear" ? { type: "clear" } : { type: "fault", fault });
      else if (fault.type === "clear") network.clearFaults(channelId);
      else
        await network.injectFault(channelId, fault).catch((error: unknown) => {
          if (error instanceof CapUsedAboveTotal)
            throw sandboxErrors.capUsedAboveTotal({ total: error.total });
          throw error;
        });
    },
  };
}
