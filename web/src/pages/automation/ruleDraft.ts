/**
 * The rule form's state and its conversion to the API's body (pure; tested beside it).
 * The config shapes follow src/modules/automation/rules.ts: keyword {keywords, mode,
 * caseSensitive}, welcome {afterDays: 1–365 | null}, outside_hours {schedule: {sun…sat:
 * [{start, end}]}, holidays: ["YYYY-MM-DD"]} (a missing day is closed), fallback and
 * opt_out {}.
 */
import {
  WEEKDAYS,
  type AutoReplyRule,
  type AutoReplyType,
  type HoursInterval,
  type KeywordConfig,
  type KeywordMode,
  type OutsideHoursConfig,
  type RuleInput,
  type Weekday,
} from "../../api/automation";

/** One weekday in the editor: closed days keep their intervals so reopening restores them. */
export interface DayDraft {
  open: boolean;
  intervals: HoursInterval[];
}

/** The working-hours editor's state. */
export interface HoursDraft {
  days: Record<Weekday, DayDraft>;
  holidays: string[];
}

/** The welcome rule's choice: the first message ever, or also the first after `days` days of silence. */
export interface WelcomeDraft {
  mode: "first" | "after";
  days: number;
}

/** Everything the rule form edits. */
export interface RuleDraft {
  name: string;
  type: AutoReplyType;
  channelId: string | null;
  reply: string;
  priority: number;
  enabled: boolean;
  cooldownSeconds: number;
  /** [min, max] seconds, 1–60. */
  delay: [number, number];
  keyword: KeywordConfig;
  welcome: WelcomeDraft;
  hours: HoursDraft;
}

const DEFAULT_INTERVAL: HoursInterval = { start: "08:00", end: "17:00" };

/** Mon–Fri 08:00–17:00, Saturday 08:00–14:00, Sunday closed: a usual small shop. */
export function defaultHours(): HoursDraft {
  const days = Object.fromEntries(
    WEEKDAYS.map((d) => [
      d,
      {
        open: d !== "sun",
        intervals: [d === "sat" ? { start: "08:00", end: "14:00" } : { ...DEFAULT_INTERVAL }],
      },
    ]),
  ) as Record<Weekday, DayDraft>;
  return { days, holidays: [] };
}

/** The editor's state of a stored outside-hours config (anything unreadable: closed). */
function hoursDraftOf(config: Partial<OutsideHoursConfig> | undefined): HoursDraft {
  const schedule = config?.schedule ?? {};
  const days = Object.fromEntries(
    WEEKDAYS.map((d) => {
      const intervals = (schedule[d] ?? []).map((i) => ({ start: i.start, end: i.end }));
      return [
        d,
        intervals.length > 0
          ? { open: true, intervals }
          : { open: false, intervals: [{ ...DEFAULT_INTERVAL }] },
      ];
    }),
  ) as Record<Weekday, DayDraft>;
  return { days, holidays: [...(config?.holidays ?? [])] };
}

/** The outside-hours config the server expects: open days only (a missing day is closed), holidays sorted and unique. */
export function hoursConfigOf(draft: HoursDraft): OutsideHoursConfig {
  const schedule: OutsideHoursConfig["schedule"] = {};
  for (const d of WEEKDAYS) {
    const day = draft.days[d];
    if (day.open && day.intervals.length > 0)
      schedule[d] = day.intervals.map((i) => ({ start: i.start, end: i.end }));
  }
  return { schedule, holidays: [...new Set(draft.holidays.filter(Boolean))].sort() };
}

/** A fresh form for a rule of `type`. */
export function newDraft(type: AutoReplyType): RuleDraft {
  return {
    name: "",
    type,
    channelId: null,
    reply: "",
    priority: 50,
    enabled: true,
    cooldownSeconds: 3600,
    delay: [2, 5],
    keyword: { keywords: [], mode: "contains", caseSensitive: false },
    welcome: { mode: "first", days: 30 },
    hours: defaultHours(),
  };
}

/** The form of a stored rule. */
export function draftOf(rule: AutoReplyRule): RuleDraft {
  const base = newDraft(rule.type);
  const c = rule.config as Record<string, unknown>;
  const afterDays = typeof c.afterDays === "number" ? c.afterDays : null;
  return {
    ...base,
    name: rule.name,
    channelId: rule.channelId,
    reply: rule.reply,
    priority: rule.priority,
    enabled: rule.enabled,
    cooldownSeconds: rule.cooldownSeconds,
    delay: [rule.delayMinSeconds, rule.delayMaxSeconds],
    keyword:
      rule.type === "keyword"
        ? {
            keywords: Array.isArray(c.keywords) ? c.keywords.map(String) : [],
            mode: (c.mode as KeywordMode) ?? "contains",
            caseSensitive: c.caseSensitive === true,
          }
        : base.keyword,
    welcome: afterDays === null ? base.welcome : { mode: "after", days: afterDays },
    hours: rule.type === "outside_hours" ? hoursDraftOf(c as Partial<OutsideHoursConfig>) : base.hours,
  };
}

/** The config of the draft's type, as the server expects it. */
export function configOf(draft: RuleDraft): Record<string, unknown> {
  switch (draft.type) {
    case "keyword":
      return {
        keywords: draft.keyword.keywords.map((k) => k.trim()).filter(Boolean),
        mode: draft.keyword.mode,
        caseSensitive: draft.keyword.caseSensitive,
      };
    case "welcome":
      return { afterDays: draft.welcome.mode === "after" ? draft.welcome.days : null };
    case "outside_hours":
      return hoursConfigOf(draft.hours) as unknown as Record<string, unknown>;
    default:
      return {};
  }
}

/** The POST body of the draft (PATCH takes the same, less `type`). */
export function inputOf(draft: RuleDraft): RuleInput {
  return {
    name: draft.name.trim(),
    type: draft.type,
    channelId: draft.channelId,
    config: configOf(draft),
    reply: draft.reply,
    priority: draft.priority,
    enabled: draft.enabled,
    cooldownSeconds: draft.cooldownSeconds,
    delayMinSeconds: draft.delay[0],
    delayMaxSeconds: draft.delay[1],
  };
}

/** Units the cooldown is edited in, seconds each. */
export const COOLDOWN_UNITS = { minutes: 60, hours: 3600, days: 86_400 } as const;
export type CooldownUnit = keyof typeof COOLDOWN_UNITS;

/** The largest unit that shows `seconds` as a whole number (minutes at least; 0 → minutes). */
export function cooldownUnitOf(seconds: number): CooldownUnit {
  if (seconds > 0 && seconds % COOLDOWN_UNITS.days === 0) return "days";
  if (seconds > 0 && seconds % COOLDOWN_UNITS.hours === 0) return "hours";
  return "minutes";
}
