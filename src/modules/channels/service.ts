import type { z } from "zod";
import type { PackageLimits } from "../../lib/package-limits.js";
import type { Db } from "../../db/client.js";
import {
  deleteChannelTemplate,
  draftProblems,
  submitChannelTemplate,
  syncChannelTemplates,
  syncedTemplates,
  templateFailure,
  templateParameters,
  type TemplateDraft,
} from "../../channels/cloud-api/index.js";
import { PACING_PRESETS, pacingPolicySchema, type PacingPolicy } from "../../channels/pacing.js";
import type { ChannelManager } from "../../channels/manager.js";
import { remoteChannelControl, type ChannelControl } from "../../channels/remote.js";
import type { ChannelStatus } from "../../channels/transport.js";
import { requirePermission, type Actor } from "../../lib/actor.js";
import { resolveOutletId } from "../outlets/index.js";
import { commonErrors } from "../../lib/common-errors.js";
import { normalizePhone } from "../../lib/phone/normalize.js";
import type { ChannelDto, createChannelBody, updateChannelBody } from "./schemas.js";
import { changesBetween, recordAudit } from "../audit/index.js";
import { channelErrors } from "./errors.js";
import {
  channelOfTenant,
  insertChannel,
  listChannels,
  updateChannel,
  type ChannelLink,
  type ChannelRow,
} from "./queries.js";
import { CHANNEL_SETUPS } from "./setup.js";

function toDto(c: ChannelRow): ChannelDto {
  return {
    id: c.id,
    outletId: c.outletId,
    name: c.name,
    kind: c.kind,
    phone: c.phone,
    status: c.status as ChannelStatus,
    statusSince: c.statusSince.toISOString(),
    lastError: c.lastError,
    pacingPreset: c.pacingPreset,
    pacing: pacingPolicySchema.parse(c.pacing),
    createdAt: c.createdAt.toISOString(),
  };
}

/** A stored WhatsApp template as the API shows it, with the parameters a campaign fills. */
function templateDto(t: Awaited<ReturnType<typeof syncedTemplates>>[number]) {
  const { format, header, body } = templateParameters(t.components, t.parameterFormat);
  return {
    name: t.name,
    language: t.language,
    status: t.status,
    category: t.category,
    parameterFormat: format,
    parameters: { header, body },
    components: t.components,
    reason: t.reason,
    previousCategory: t.previousCategory,
    syncedAt: t.syncedAt.toISOString(),
  };
}

/** A failed template submission or deletion as the shop's error (no Graph internals). */
function templateError(err: unknown) {
  const failure = templateFailure(err);
  if (failure === "exists") return channelErrors.waTemplateExists();
  return failure === "refused" ? channelErrors.waTemplateRefused() : channelErrors.waTemplateUnavailable();
}

/**
 * WhatsApp numbers (channels): create, configure pacing, connect / disconnect / log out.
 * `manager` is null in processes that hold no live connections (the CLI).
 */
export function createChannelService(
  db: Db,
  manager: ChannelManager | null,
  secretKey: Buffer | null,
  graphBaseUrl?: string,
  /** The package's numbers limit (SaaS mode), checked when a channel is added. */
  limits?: PackageLimits,
) {
  async function row(actor: Actor, id: string): Promise<ChannelRow> {
    const c = await channelOfTenant(db, actor.tenantId, id, actor);
    if (!c) throw channelErrors.notFound();
    return c;
  }
  async function cloudApiChannel(actor: Actor, id: string): Promise<ChannelRow> {
    const c = await row(actor, id);
    if (c.kind !== "cloud_api") throw channelErrors.notCloudApi();
    return c;
  }
  // Live actions: here when this process holds channels (the manager forwards what it does
  // not hold), else forwarded to the worker processes through the database.
  const control: ChannelControl = manager ?? remoteChannelControl(db);
  function live(): ChannelManager {
    if (!manager) {
      throw channelErrors.notRunning();
    }
    return manager;
  }
  return {
    async list(actor: Actor): Promise<ChannelDto[]> {
      requirePermission(actor, "channels.read");
      const rows = await listChannels(db, actor);
      return rows.map(toDto);
    },
    /** @throws KabarError 404 */
    async get(actor: Actor, id: string): Promise<ChannelDto> {
      requirePermission(actor, "channels.read");
      return toDto(await row(actor, id));
    },
    /**
     * The QR or pairing code the channel shows right now, for a page opened after it was
     * pushed (`channel.qr` / `channel.pairing-code` events bring the next ones). Owner only:
     * scanning it links the scanner's WhatsApp account to the shop.
     * @returns null when the channel shows none, or it expired. @throws KabarError 403, 404
     */
    async link(actor: Actor, id: string): Promise<ChannelLink | null> {
      requirePermission(actor, "channels.connect");
      const c = await row(actor, id);
      return c.status === "qr" && c.link && c.link.expiresAt > Date.now() ? c.link : null;
    },
    /**
     * Adds a channel and starts connecting it: a sandbox channel shows a QR for the sandbox
     * phone; a WhatsApp Web (`whatsapp_web`) channel has no number yet and shows a QR to scan
     * (or is linked with {@link requestPairingCode}). The kind-specific part is in setup.ts.
     * @throws KabarError 402 `package_limit_reached` (SaaS numbers limit), 403 for agents, 400 `kind_unavailable` / `unknown_outlet` (`outletId`)
     */
    async create(actor: Actor, input: z.infer<typeof createChannelBody>): Promise<ChannelDto> {
      requirePermission(actor, "channels.manage");
      const setup = CHANNEL_SETUPS[input.kind];
      if (!setup) {
        throw channelErrors.kindUnavailable({
          kind: input.kind,
          kinds: Object.keys(CHANNEL_SETUPS).join(", "),
        });
      }
      const outletId = await resolveOutletId(db, actor, input.outletId, "outletId");
      const { phone, defaultPreset, config, afterInsert } = await setup(input, { secretKey });
      const preset = input.pacingPreset ?? defaultPreset;
      const c = await db.transaction(async (tx) => {
        // The package's numbers limit, counted in this transaction (billing/limits.ts).
        await limits?.assertRoom(tx, actor.tenantId, "numbers");
        const row = await insertChannel(tx, {
          tenantId: actor.tenantId,
          outletId,
          name: input.name,
          kind: input.kind,
          phone,
          config,
          pacingPreset: preset,
        });
        await afterInsert?.(tx as unknown as Db, row);
        // Never the credentials: the kind, name, number and pacing preset.
        await recordAudit(tx as unknown as Db, actor, {
          action: "channel.create",
          target: { type: "channel", id: row.id, name: row.name },
          changes: changesBetween(
            {},
            { name: row.name, kind: row.kind, phone: row.phone, pacingPreset: preset },
          ),
        });
        return row;
      });
      await control.connect(c!.id);
      return this.get(actor, c!.id);
    },
    /**
     * Links a WhatsApp Web channel by phone number instead of a QR: WhatsApp sends the phone
     * a notification, and the owner types the returned 8-character code under Linked devices
     * → Link with phone number instead. The code expires with the channel's QR window.
     * Owner only.
     * @param phone the number of the WhatsApp account to link, as typed (normalised to E.164)
     * @throws KabarError 403, 404, 400 `pairing_unsupported` (not a WhatsApp Web channel),
     *   400 `invalid_phone`, 409 `already_linked` (connected), 503 `not_running` (no live
     *   process) or `channel_elsewhere` (another Kabar process holds the connection),
     *   502 `pairing_failed` (WhatsApp did not give a code)
     */
    async requestPairingCode(actor: Actor, id: string, phone: string): Promise<{ code: string }> {
      requirePermission(actor, "channels.connect");
      const c = await row(actor, id);
      if (c.kind !== "whatsapp_web") {
        throw channelErrors.pairingUnsupported();
      }
      const parsed = normalizePhone(phone);
      if (!parsed.ok) throw commonErrors.invalidPhone({ reason: parsed.reason, field: "phone" });
      if (c.status === "connected") throw channelErrors.alreadyLinked();
      const m = live();
      if (!m.transport(id)) await m.connect(id);
      const transport = m.transport(id);
      if (!transport?.requestPairingCode) {
        throw channelErrors.elsewhere();
      }
      try {
        return { code: await transport.requestPairingCode(parsed.e164) };
      } catch (err) {
        throw channelErrors.pairingFailed({ reason: (err as Error).message });
      }
    },
    /** Renames, moves to another outlet or changes pacing (a preset, or a custom policy). @throws KabarError 403, 404, 400 `unknown_outlet` */
    async update(actor: Actor, id: string, input: z.infer<typeof updateChannelBody>): Promise<ChannelDto> {
      requirePermission(actor, "channels.manage");
      const current = await row(actor, id);
      let pacing: PacingPolicy | undefined;
      let pacingPreset: string | undefined;
      if (input.pacingPreset)
        [pacing, pacingPreset] = [PACING_PRESETS[input.pacingPreset], input.pacingPreset];
      if (input.pacing) [pacing, pacingPreset] = [input.pacing, "custom"];
      const patch = {
        ...(input.name ? { name: input.name } : {}),
        ...(input.outletId ? { outletId: await resolveOutletId(db, actor, input.outletId, "outletId") } : {}),
        ...(pacing ? { pacing, pacingPreset } : {}),
      };
      if (Object.keys(patch).length === 0) return toDto(current);
      const c = await db.transaction(async (tx) => {
        const changed = await updateChannel(tx, actor.tenantId, id, patch);
        await recordAudit(tx, actor, {
          action: "channel.update",
          target: { type: "channel", id, name: changed!.name },
          changes: changesBetween(
            { name: current.name, pacing: current.pacing, pacingPreset: current.pacingPreset },
            patch,
          ),
        });
        return changed;
      });
      if (pacing) await control.setPolicy(id, pacing);
      return toDto(c!);
    },
    /** @throws KabarError 404, 503 when no live process */
    async connect(actor: Actor, id: string): Promise<ChannelDto> {
      requirePermission(actor, "channels.connect");
      await row(actor, id);
      await control.connect(id);
      return this.get(actor, id);
    },
    async disconnect(actor: Actor, id: string): Promise<ChannelDto> {
      requirePermission(actor, "channels.connect");
      await row(actor, id);
      await control.disconnect(id);
      return this.get(actor, id);
    },
    /** Unlinks the device; a new QR scan is needed. Owner only. */
    async logout(actor: Actor, id: string): Promise<ChannelDto> {
      requirePermission(actor, "channels.connect");
      await row(actor, id);
      await control.logout(id);
      return this.get(actor, id);
    },
    /**
     * Copies the approved (and pending, rejected, paused) message templates of a Cloud API
     * channel's WhatsApp Business Account into Kabar. Owner only.
     * @throws KabarError 403, 404, 400 `not_cloud_api`, 503 `no_secret_key`, 502 `graph_error`
     */
    async syncTemplates(actor: Actor, id: string): Promise<{ synced: number; removed: number }> {
      requirePermission(actor, "channels.manage");
      const c = await cloudApiChannel(actor, id);
      if (!secretKey) throw channelErrors.noSecretKey();
      try {
        return await syncChannelTemplates(db, secretKey, c, graphBaseUrl);
      } catch (err) {
        const reason = (err as Error).message;
        throw channelErrors.graphError({ reason });
      }
    },
    /**
     * The templates last synced for a Cloud API channel, each with its parameter format and
     * the parameters a campaign must fill. @throws KabarError 404, 400 `not_cloud_api`
     */
    async templates(actor: Actor, id: string) {
      requirePermission(actor, "channels.read");
      await cloudApiChannel(actor, id);
      const rows = await syncedTemplates(db, actor.tenantId, id);
      return rows.map(templateDto);
    },
    /**
     * Submits a WhatsApp template to Meta for review and stores it as PENDING (Meta's
     * answer). Owner only.
     * @throws KabarError 403, 404, 400 `not_cloud_api`, 400 `invalid_wa_template` (fields
     *   named as `components[1].text`), 409 `wa_template_exists`, 400 `wa_template_refused`,
     *   502 `wa_template_unavailable`, 503 `no_secret_key`
     */
    async createTemplate(actor: Actor, id: string, draft: TemplateDraft) {
      requirePermission(actor, "channels.manage");
      const c = await cloudApiChannel(actor, id);
      const problems = draftProblems(draft);
      if (Object.keys(problems).length) throw channelErrors.invalidWaTemplate({ fields: problems });
      if (!secretKey) throw channelErrors.noSecretKey();
      try {
        await submitChannelTemplate(db, secretKey, c, draft, graphBaseUrl);
      } catch (err) {
        throw templateError(err);
      }
      const rows = await syncedTemplates(db, actor.tenantId, id);
      return templateDto(rows.find((t) => t.name === draft.name && t.language === draft.language)!);
    },
    /**
     * Deletes the template `name` (every language) at Meta and in Kabar. Owner only.
     * @throws KabarError 403, 404 (the channel; `wa_template_unknown`, a template Kabar does not have), 400
     *   `not_cloud_api`, 400 `wa_template_refused`, 502 `wa_template_unavailable`, 503 `no_secret_key`
     */
    async deleteTemplate(actor: Actor, id: string, name: string): Promise<{ removed: number }> {
      requirePermission(actor, "channels.manage");
      const c = await cloudApiChannel(actor, id);
      const rows = await syncedTemplates(db, actor.tenantId, id);
      if (!rows.some((t) => t.name === name)) throw channelErrors.waTemplateNotFound();
      if (!secretKey) throw channelErrors.noSecretKey();
      try {
        return { removed: await deleteChannelTemplate(db, secretKey, c, name, graphBaseUrl) };
      } catch (err) {
        throw templateError(err);
      }
    },
    /** Ensures a channel of the tenant (for other services). @throws KabarError 404 */
    assertOwned: row,
  };
}
