/**
 * Auto-reply rule types and the zod schema of each type's `config` (stored as jsonb on
 * `auto_reply_rules`). Working hours live on the outside-hours rule's config (not a
 * tenant setting): a shop can run different hours per channel, and the rule carries
 * everything it needs. The time zone is the tenant's (`tenants.time_zone`).
 */
import { z } from "zod";
import type { AutoReplyType } from "./schemas.js";
import { WEEKDAYS, minutesOf, type WorkingHours } from "./working-hours.js";

/** How keywords are compared with the whole message text (trimmed). */
const KEYWORD_MODES = ["exact", "contains", "starts_with"] as const;

export const keywordConfig = z.strictObject({
  keywords: z.array(z.string().trim().min(1).max(100)).min(1).max(50).describe("Any one of these matches"),
  mode: z.enum(KEYWORD_MODES).default("contains"),
  caseSensitive: z.boolean().default(false),
});
export type KeywordConfig = z.infer<typeof keywordConfig>;

const welcomeConfig = z.strictObject({
  afterDays: z
    .number()
    .int()
    .min(1)
    .max(365)
    .nullable()
    .default(null)
    .describe(
      "Also welcome a contact whose previous message is older than this many days; null: only a contact's first message ever",
    ),
});
export type WelcomeConfig = z.infer<typeof welcomeConfig>;

const hhmm = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, "HH:MM, 00:00–24:00");
const interval = z
  .strictObject({ start: hhmm, end: hhmm })
  .refine(
    (i) => i.start !== "24:00" && minutesOf(i.start) !== minutesOf(i.end),
    "start and end differ; an end before the start runs across midnight",
  );
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD")
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    "a real date",
  );

/** @public Loaded by path in web/src/pages/automation/WorkingHoursEditor.test.tsx (the editor checks its output against it). */
export const outsideHoursConfig = z.strictObject({
  schedule: z
    .strictObject(
      Object.fromEntries(WEEKDAYS.map((d) => [d, z.array(interval).max(6).optional()])) as Record<
        (typeof WEEKDAYS)[number],
        z.ZodOptional<z.ZodArray<typeof interval>>
      >,
    )
    .describe("Opening hours per weekday (sun…sat) in the shop time zone; a missing day is closed"),
  holidays: z.array(isoDate).max(366).default([]).describe("Dates closed all day, in the shop time zone"),
});
export type OutsideHoursConfig = WorkingHours;

const emptyConfig = z.strictObject({});

/** The config schema of each rule type. */
export const CONFIG_SCHEMAS: Record<AutoReplyType, z.ZodType<Record<string, unknown>>> = {
  keyword: keywordConfig,
  welcome: welcomeConfig,
  outside_hours: outsideHoursConfig as unknown as z.ZodType<Record<string, unknown>>,
  fallback: emptyConfig,
  opt_out: emptyConfig,
};

/** A rule as the matcher sees it (config already validated for its type). */
export type MatchableRule = {
  id: string;
  channelId: string | null;
  priority: number;
  createdAt: Date;
} & (
  | { type: "keyword"; config: KeywordConfig }
  | { type: "welcome"; config: WelcomeConfig }
  | { type: "outside_hours"; config: OutsideHoursConfig }
  | { type: "fallback"; config: Record<string, never> }
  | { type: "opt_out"; config: Record<string, never> }
);

/**
 * Parses a stored rule's config for its type; null when it no longer validates (such a
 * rule never matches).
 */
export function parseConfig(type: AutoReplyType, config: unknown): Record<string, unknown> | null {
  const r = CONFIG_SCHEMAS[type].safeParse(config ?? {});
  return r.success ? r.data : null;
}
