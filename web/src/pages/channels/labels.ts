import type { TFunction } from "i18next";
import { PACING_PRESET_NAMES, type PacingPresetName } from "../../api/types";

/** Reasons of channel status changes that the catalogue explains (src/channels: transports and manager). */
const CHANNEL_REASONS = [
  "closed",
  "logout",
  "qr_timeout",
  "qr_scanned",
  "connection_lost",
  "device_removed",
  "banned",
  "unbanned",
  "pairing_failed",
  "replaced",
  "socket_error",
  "credentials_unreadable",
] as const;
type ChannelReason = (typeof CHANNEL_REASONS)[number];

/** Why a channel changed status, in the interface language (the server's text for other reasons). */
export function channelReasonText(t: TFunction, reason: string): string {
  return (CHANNEL_REASONS as readonly string[]).includes(reason)
    ? t(`channels.reason.${reason as ChannelReason}`)
    : reason;
}

/** A pacing preset's name in the interface language (`custom` for a policy set by hand). */
export function presetLabel(t: TFunction, name: string): string {
  if (name === "custom") return t("pacing.custom");
  return (PACING_PRESET_NAMES as readonly string[]).includes(name)
    ? t(`pacing.presets.${name as PacingPresetName}.label`)
    : name;
}
