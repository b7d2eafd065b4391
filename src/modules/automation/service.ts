import type { z } from "zod";
import type { Db } from "../../db/client.js";
import { requirePermission, type Actor } from "../../lib/actor.js";
import { commonErrors } from "../../lib/common-errors.js";
import { channelErrors, channelStatus } from "../channels/index.js";
import { contactErrors } from "../contacts/index.js";
import { channelIdsInScope, outletErrors } from "../outlets/index.js";
import { automationErrors } from "./errors.js";
import { parseTemplate, SAMPLE_CONTACT } from "../templates/index.js";
import { byPrecedence, pickRule } from "./matcher.js";
import { contactOfTenant, previousInboundAt, tenantTimeZone } from "./queries/context.js";
import { logOfActor, logOfRule, type LogWithContext } from "./queries/log.js";
import {
  type AutoReplyType,
  deleteRule,
  enabledRuleRows,
  insertRule,
  ruleById,
  rulesOfActor,
  rulesOfTenant,
  updateRule,
  type LiveRule,
  type RuleRow,
} from "./queries/rules.js";
import { renderReply } from "./reply.js";
import { invalidateRules } from "./rule-cache.js";
import { CONFIG_SCHEMAS, parseConfig } from "./rules.js";
import type {
  CreateRuleInput,
  LogEntryDto,
  RuleDto,
  TestResult,
  UpdateRuleInput,
  testBody,
} from "./schemas.js";

function toDto(r: RuleRow): RuleDto {
  return {
    id: r.id,
    name: r.name,
    type: r.type,
    channelId: r.channelId,
    config: r.config,
    reply: r.reply,
    priority: r.priority,
    enabled: r.enabled,
    cooldownSeconds: r.cooldownSeconds,
    delayMinSeconds: r.delayMinSeconds,
    delayMaxSeconds: r.delayMaxSeconds,
    triggerCount: r.triggerCount,
    lastTriggeredAt: r.lastTriggeredAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

function logDto({ log: l, contactName, contactPhone, messageText }: LogWithContext): LogEntryDto {
  return {
    id: l.id,
    ruleId: l.ruleId,
    channelId: l.channelId,
    messageId: l.messageId,
    contactId: l.contactId,
    contactName,
    contactPhone,
    messageText,
    conversationId: l.conversationId,
    outcome: l.outcome,
    replyText: l.replyText,
    replyMessageId: l.replyMessageId,
    error: l.error,
    at: l.at.toISOString(),
    sentAt: l.sentAt?.toISOString() ?? null,
  };
}

/**
 * Validates what a rule will hold once written.
 * @returns the config as its type's schema parsed it (defaults filled)
 * @throws KabarError 400 `validation_failed` naming `config.<field>`, `reply` or `delayMaxSeconds`
 */
function checkRule(
  type: AutoReplyType,
  r: { config: unknown; reply: string; delayMinSeconds: number; delayMaxSeconds: number },
): Record<string, unknown> {
  const fields: Record<string, string> = {};
  const parsed = CONFIG_SCHEMAS[type].safeParse(r.config);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      fields[["config", ...issue.path.map(String)].join(".")] ??= issue.message;
  }
  const tpl = parseTemplate(r.reply);
  if (r.reply.trim() === "") fields.reply = "required";
  else if (!tpl.ok) fields.reply = tpl.errors.map((e) => e.message).join("; ");
  if (r.delayMinSeconds > r.delayMaxSeconds) fields.delayMaxSeconds = "at least delayMinSeconds";
  if (Object.keys(fields).length > 0) {
    throw commonErrors.validationFailed({ fields });
  }
  return parsed.data!;
}

/**
 * Auto-reply rules (owner writes; agents read and test), their log, and the "test a message"
 * dry run. The only writer of `auto_reply_rules` (besides the engine's trigger counts),
 * through queries/rules.ts: every write drops the tenant's entry of the engine's rule
 * cache (rule-cache.ts).
 */
export function createAutomationService(db: Db) {
  /** A rule the actor sees (its numbers' and the shop-wide ones). @throws KabarError 404 `rule_not_found` */
  async function row(actor: Actor, id: string): Promise<RuleRow> {
    const r = await ruleById(db, actor.tenantId, id, rulesOfActor(actor));
    if (!r) throw automationErrors.ruleNotFound();
    return r;
  }
  /**
   * A shop-wide rule (no number: it answers on every outlet's numbers) is written only by
   * an actor of every outlet; a limited actor reads it.
   * @throws KabarError 403 `all_outlets_only` for a limited actor and `channelId` null
   */
  function checkShopWide(actor: Actor, channelId: string | null): void {
    if (channelId === null && actor.outletIds) throw outletErrors.allOutletsOnly();
  }
  /** @throws KabarError 400 `unknown_channel` (fields.channelId), also for a number outside the actor's outlets */
  async function checkChannel(actor: Actor, channelId: string | null | undefined): Promise<void> {
    if (!channelId) return;
    const mine = await channelIdsInScope(db, actor);
    if ((await channelStatus(db, actor.tenantId, channelId)) === null || (mine && !mine.has(channelId)))
      throw channelErrors.unknownChannel({ field: "channelId" });
  }

  return {
    /**
     * The tenant's rules in the order they are tried (matcher.ts: priority, type, age); for
     * an actor limited to outlets, the rules of its numbers and the shop-wide ones.
     */
    async list(actor: Actor): Promise<RuleDto[]> {
      requirePermission(actor, "automation.read");
      const rows = await rulesOfTenant(db, actor.tenantId, rulesOfActor(actor));
      return rows.sort(byPrecedence).map(toDto);
    },
    /** @throws KabarError 404 `rule_not_found`, also for a rule of another outlet's number */
    async get(actor: Actor, id: string): Promise<RuleDto> {
      requirePermission(actor, "automation.read");
      return toDto(await row(actor, id));
    },
    /**
     * Owner only. @throws KabarError 403, 403 `all_outlets_only` (a shop-wide rule by an actor
     *   limited to outlets), 400 validation_failed / unknown_channel
     */
    async create(actor: Actor, input: CreateRuleInput): Promise<RuleDto> {
      requirePermission(actor, "automation.create");
      checkShopWide(actor, input.channelId ?? null);
      const config = checkRule(input.type, input);
      await checkChannel(actor, input.channelId);
      const r = await insertRule(db, { ...input, config, tenantId: actor.tenantId });
      invalidateRules(actor.tenantId);
      return toDto(r);
    },
    /**
     * Owner only; the type never changes. @throws KabarError 403, 404 (also a rule of another
     *   outlet's number), 403 `all_outlets_only` (a limited actor changing a shop-wide rule or
     *   making one shop-wide), 400
     */
    async update(actor: Actor, id: string, input: UpdateRuleInput): Promise<RuleDto> {
      requirePermission(actor, "automation.update");
      const current = await row(actor, id);
      checkShopWide(actor, current.channelId);
      if (input.channelId !== undefined) checkShopWide(actor, input.channelId);
      const next = {
        ...current,
        ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
      } as RuleRow;
      const config = checkRule(current.type, next);
      await checkChannel(actor, input.channelId);
      const r = await updateRule(db, actor.tenantId, id, {
        ...input,
        ...(input.config !== undefined ? { config } : {}),
        updatedAt: new Date(),
      });
      invalidateRules(actor.tenantId);
      return toDto(r!);
    },
    /**
     * Owner only; its log goes with it, sent replies stay in the conversation.
     * @throws KabarError 403, 404 (also a rule of another outlet's number), 403 `all_outlets_only` (a shop-wide rule, by a limited actor)
     */
    async remove(actor: Actor, id: string): Promise<void> {
      requirePermission(actor, "automation.delete");
      if (actor.outletIds) checkShopWide(actor, (await row(actor, id)).channelId);
      const deleted = await deleteRule(db, actor.tenantId, id);
      invalidateRules(actor.tenantId);
      if (!deleted) throw automationErrors.ruleNotFound();
    },
    /**
     * What the rule did, latest incoming message first, with the customer and their message;
     * for an actor limited to outlets, only what it did on their numbers.
     * @throws KabarError 404 (also a rule of another outlet's number)
     */
    async log(actor: Actor, id: string, limit: number): Promise<LogEntryDto[]> {
      requirePermission(actor, "automation.read");
      await row(actor, id);
      return (await logOfRule(db, actor.tenantId, id, limit, logOfActor(actor))).map(logDto);
    },
    /**
     * Which enabled rule would answer `text` and with what words: no send, no log, no
     * cooldown used. Cooldown, opt-out and the bot check are not applied (they depend on
     * what happened before); opt-out confirmations are not tried. Without `contactId` the
     * reply is written for the sample customer of the template preview ("Budi Santoso").
     * @throws KabarError 400 `unknown_contact` / `unknown_channel` naming the field
     */
    async test(actor: Actor, input: z.infer<typeof testBody>): Promise<TestResult> {
      requirePermission(actor, "automation.read");
      await checkChannel(actor, input.channelId);
      const at = input.at ? new Date(input.at) : new Date();
      // Without a contact: the templates' sample customer, writing for the first time.
      let contact: { name: string | null; phone: string; attributes: Record<string, string> } =
        SAMPLE_CONTACT;
      let previous: Date | null = null;
      if (input.contactId) {
        const c = await contactOfTenant(db, actor, input.contactId);
        if (!c) throw contactErrors.unknownContact({ field: "contactId" });
        contact = c;
        previous = await previousInboundAt(db, actor.tenantId, c.id, at);
      }
      const timeZone = await tenantTimeZone(db, actor.tenantId);
      const rules = (await enabledRuleRows(db, actor.tenantId))
        .map((r) => {
          const config = parseConfig(r.type, r.config);
          return config
            ? ({ ...r, config, channelId: input.channelId ? r.channelId : null } as LiveRule)
            : null;
        })
        .filter((r): r is LiveRule => r !== null);
      const rule = pickRule(rules, {
        text: input.text,
        channelId: input.channelId ?? "",
        at: at.getTime(),
        timeZone: timeZone ?? "Asia/Jakarta",
        previousInboundAt: previous?.getTime() ?? null,
      });
      if (!rule) return { rule: null, reply: null };
      return {
        rule: { id: rule.id, name: rule.name, type: rule.type, priority: rule.priority },
        reply: renderReply(rule.reply, contact, "test"),
      };
    },
  };
}
