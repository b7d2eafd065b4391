/** Zod DTOs of the automation API (also its OpenAPI). */
import { z } from "zod";
import { AUTO_REPLY_OUTCOMES, AUTO_REPLY_TYPES } from "../../db/schema/automation.js";

/** A rule's type: welcome, keyword, outside_hours, fallback, opt_out (the database enum). */
export type AutoReplyType = (typeof AUTO_REPLY_TYPES)[number];

/** Longest cooldown a rule may have: 30 days, in seconds. */
const MAX_COOLDOWN_SECONDS = 30 * 86_400;

const config = z
  .record(z.string(), z.unknown())
  .describe(
    "Per type. keyword: {keywords: string[], mode: exact|contains|starts_with, caseSensitive}; welcome: {afterDays: 1–365|null}; " +
      'outside_hours: {schedule: {sun…sat: [{start: "HH:MM", end: "HH:MM"}]}, holidays: ["YYYY-MM-DD"]} in the shop time zone (an end before the start runs across midnight); fallback and opt_out: {}',
  );
const seconds = z.number().int().min(1).max(60);

export const createRuleBody = z.object({
  name: z.string().trim().min(1).max(200),
  type: z
    .enum(AUTO_REPLY_TYPES)
    .describe("opt_out: confirms an opt-out to the contact whose message just opted them out"),
  channelId: z.uuid().nullable().default(null).describe("null: every channel"),
  config: config.default({}),
  reply: z
    .string()
    .max(4096)
    .describe("Template text: {{name}}, {{phone}}, {{attribute}}, {Halo|Hai} spintax"),
  priority: z.number().int().min(0).max(100).default(50).describe("Higher is tried first"),
  enabled: z.boolean().default(true),
  cooldownSeconds: z
    .number()
    .int()
    .min(0)
    .max(MAX_COOLDOWN_SECONDS)
    .default(3600)
    .describe("The rule does not answer the same contact again within this many seconds"),
  delayMinSeconds: seconds.default(2),
  delayMaxSeconds: seconds.default(5),
});
export type CreateRuleInput = z.infer<typeof createRuleBody>;

export const updateRuleBody = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  channelId: z.uuid().nullable().optional(),
  config: config.optional(),
  reply: z.string().max(4096).optional(),
  priority: z.number().int().min(0).max(100).optional(),
  enabled: z.boolean().optional(),
  cooldownSeconds: z.number().int().min(0).max(MAX_COOLDOWN_SECONDS).optional(),
  delayMinSeconds: seconds.optional(),
  delayMaxSeconds: seconds.optional(),
});
export type UpdateRuleInput = z.infer<typeof updateRuleBody>;

export const ruleSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  type: z.enum(AUTO_REPLY_TYPES),
  channelId: z.uuid().nullable(),
  config: z.record(z.string(), z.unknown()),
  reply: z.string(),
  priority: z.number().int(),
  enabled: z.boolean(),
  cooldownSeconds: z.number().int(),
  delayMinSeconds: z.number().int(),
  delayMaxSeconds: z.number().int(),
  triggerCount: z.number().int(),
  lastTriggeredAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RuleDto = z.infer<typeof ruleSchema>;

export const logQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const logEntrySchema = z.object({
  id: z.uuid(),
  ruleId: z.uuid(),
  channelId: z.uuid(),
  messageId: z.uuid().describe("The incoming message"),
  contactId: z.uuid(),
  contactName: z.string().nullable().describe("The customer who wrote (null: no name known)"),
  contactPhone: z.string().describe("The customer's number, E.164"),
  messageText: z.string().nullable().describe("The text of the incoming message that triggered the rule"),
  conversationId: z.uuid().nullable(),
  outcome: z.enum(AUTO_REPLY_OUTCOMES),
  replyText: z.string().nullable(),
  replyMessageId: z.uuid().nullable().describe("The auto-reply in messages, once sent"),
  error: z.string().nullable(),
  at: z.string().describe("Time of the incoming message"),
  sentAt: z.string().nullable(),
});
export type LogEntryDto = z.infer<typeof logEntrySchema>;

export const testBody = z.object({
  text: z.string().max(4096),
  contactId: z
    .uuid()
    .optional()
    .describe(
      "Decide for this contact (name, history); without it, the sample customer of the template preview (Budi Santoso) writing for the first time",
    ),
  channelId: z.uuid().optional().describe("Without it, rules of every channel count"),
  at: z.iso.datetime({ offset: true }).optional().describe("When the message arrives (default now)"),
});

export const testResultSchema = z.object({
  rule: z
    .object({ id: z.uuid(), name: z.string(), type: z.enum(AUTO_REPLY_TYPES), priority: z.number().int() })
    .nullable(),
  reply: z.string().nullable(),
});
export type TestResult = z.infer<typeof testResultSchema>;

/** Names in the OpenAPI document (`components.schemas`), which the web app's generated types use. */
z.globalRegistry.add(ruleSchema, { id: "AutoReplyRule" });
z.globalRegistry.add(logEntrySchema, { id: "RuleLogEntry" });
z.globalRegistry.add(testResultSchema, { id: "AutomationTestResult" });

// Request bodies: named so the web app's request types are generated too (`XInput`, scripts/api-types.ts).
z.globalRegistry.add(createRuleBody, { id: "CreateRule" });
z.globalRegistry.add(updateRuleBody, { id: "UpdateRule" });
z.globalRegistry.add(testBody, { id: "TestRules" });
