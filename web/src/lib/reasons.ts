import type { TFunction } from "i18next";

/** Failure and skip codes of recipients that the catalogue explains (others show the server's text). */
const FAILURE_CODES = [
  "not_on_whatsapp",
  "rate_limited",
  "disconnected",
  "logged_out",
  "banned",
  "invalid_message",
  "network_error",
  "outside_window",
  "opted_out",
  "cancelled",
  "unknown_outcome",
  "interrupted",
  "suspected_drop",
  "reachout_locked",
  "held",
] as const;
type FailureCode = (typeof FAILURE_CODES)[number];

/** Why a campaign paused or failed. */
const STATUS_REASONS = [
  "channel_blocked",
  "channel_logged_out",
  "channel_needs_token",
  "channel_replaced",
  "too_many_failures",
  "all_failed",
  "quota_exhausted",
] as const;
type StatusReason = (typeof STATUS_REASONS)[number];

const isOneOf = <T extends string>(list: readonly T[], v: string): v is T =>
  (list as readonly string[]).includes(v);

/** A recipient's failure in the interface language (the server's English text for unknown codes). */
export function failureText(t: TFunction, code: string | null, reason: string | null): string {
  if (code && isOneOf<FailureCode>(FAILURE_CODES, code)) return t(`failure.${code}`);
  return reason ?? code ?? "";
}

/** A campaign's status reason in the interface language. */
export function statusReasonText(t: TFunction, reason: string): string {
  return isOneOf<StatusReason>(STATUS_REASONS, reason) ? t(`statusReason.${reason}`) : reason;
}
