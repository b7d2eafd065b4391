import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";
import { keys } from "./keys";
import { allOf, type Schemas } from "./types";

/**
 * Auto-reply rules as the API gives them (src/modules/automation/schemas.ts; config per
 * type in rules.ts).
 */
export type AutoReplyRule = Schemas["AutoReplyRule"];
export type AutoReplyType = AutoReplyRule["type"];
export const AUTO_REPLY_TYPES = allOf<AutoReplyType>()([
  "keyword",
  "welcome",
  "outside_hours",
  "fallback",
  "opt_out",
]);

/** One line of a rule's log: what it did for which incoming message. */
export type RuleLogEntry = Schemas["RuleLogEntry"];

/** What happened to one incoming message a rule matched (src/db/schema/automation.ts). */
export type AutoReplyOutcome = RuleLogEntry["outcome"];

/** How keywords are compared with the whole (trimmed) message text. */
export const KEYWORD_MODES = ["exact", "contains", "starts_with"] as const;
export type KeywordMode = (typeof KEYWORD_MODES)[number];

/** Weekdays as the working-hours schedule names them (sun…sat). */
export const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** An opening interval, "HH:MM" in the shop's zone; an end not after the start runs across midnight. */
export interface HoursInterval {
  start: string;
  end: string;
}

export interface KeywordConfig {
  keywords: string[];
  mode: KeywordMode;
  caseSensitive: boolean;
}
/** A missing day is closed; holidays are "YYYY-MM-DD" in the shop's zone. */
export interface OutsideHoursConfig {
  schedule: Partial<Record<Weekday, HoursInterval[]>>;
  holidays: string[];
}

/** POST /automation/rules body (the type never changes afterwards). */
export type RuleInput = Schemas["CreateRuleInput"];
/** PATCH /automation/rules/:id body. */
type RuleChange = Schemas["UpdateRuleInput"];

/** POST /automation/test body: `at` ISO 8601 with offset (default now). */
type TestInput = Schemas["TestRulesInput"];

/** Which rule would answer, and its rendered reply; both null when none would. */
export type TestResult = Schemas["AutomationTestResult"];

/** The shop's rules in the order they are tried. */
export function useRules() {
  return useQuery({
    queryKey: keys.automationRules,
    queryFn: () => api<AutoReplyRule[]>("GET", "/automation/rules"),
  });
}

export function useRule(id: string | null) {
  return useQuery({
    queryKey: keys.automationRule(id ?? ""),
    queryFn: () => api<AutoReplyRule>("GET", `/automation/rules/${id}`),
    enabled: id !== null,
  });
}

/** What a rule did, latest incoming message first. */
export function useRuleLog(id: string) {
  return useQuery({
    queryKey: keys.automationLog(id),
    queryFn: () => api<RuleLogEntry[]>("GET", `/automation/rules/${id}/log?limit=100`),
  });
}

/** Puts a rule the server answered into the list and its own entry. */
function useStoreRule() {
  const qc = useQueryClient();
  return (rule: AutoReplyRule) => {
    qc.setQueryData(keys.automationRule(rule.id), rule);
    void qc.invalidateQueries({ queryKey: keys.automationRules, exact: true });
  };
}

/** Owner only. Field problems come back in `ApiError.fields` (`config.keywords`, `reply`, …). */
export function useCreateRule() {
  const store = useStoreRule();
  return useMutation({
    mutationFn: (input: RuleInput) => api<AutoReplyRule>("POST", "/automation/rules", input),
    onSuccess: store,
  });
}

/** Owner only: changes some fields of a rule (the enabled switch sends `{enabled}` alone). */
export function useUpdateRule() {
  const qc = useQueryClient();
  const store = useStoreRule();
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: RuleChange }) =>
      api<AutoReplyRule>("PATCH", `/automation/rules/${id}`, change),
    onMutate: ({ id, change }) => {
      // The switch moves at once; the server's answer (or a refetch on error) settles it.
      qc.setQueryData<AutoReplyRule[]>(keys.automationRules, (list) =>
        list?.map((r) => (r.id === id ? { ...r, ...change } : r)),
      );
    },
    onSuccess: store,
    onError: () => void qc.invalidateQueries({ queryKey: keys.automationRules, exact: true }),
  });
}

/** Owner only; the rule's log goes with it. */
export function useDeleteRule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>("DELETE", `/automation/rules/${id}`),
    onSuccess: (_, id) => {
      qc.removeQueries({ queryKey: keys.automationRule(id) });
      void qc.invalidateQueries({ queryKey: keys.automationRules, exact: true });
    },
  });
}

/** Dry run: which enabled rule would answer a message, nothing sent or logged. */
export function useTestMessage() {
  return useMutation({
    mutationFn: (input: TestInput) => api<TestResult>("POST", "/automation/test", input),
  });
}
