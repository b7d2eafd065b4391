import { Alert, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Campaign } from "../../api/types";
import { useFormat } from "../../lib/useFormat";

const REASONS = ["capped", "cap_warning", "timelock", "reachout_refused"] as const;

/**
 * What a running campaign waits for when WhatsApp restricts its number's new chats (issue
 * 15): how many messages to new customers are held, why, and until when in the shop's zone
 * ("waiting until …"), or that Kabar checks again every 5 minutes when no end is known.
 * Nothing when none is held.
 */
export function HeldNotice({ campaign }: { campaign: Pick<Campaign, "counts" | "heldUntil"> }) {
  const { t } = useTranslation();
  const f = useFormat();
  const held = campaign.counts.held;
  const total = REASONS.reduce((n, r) => n + held[r], 0);
  if (total === 0) return null;
  const reasons = REASONS.filter((r) => held[r] > 0)
    .map((r) => t(`campaign.held.${r}`, { n: f.number(held[r]) }))
    .join("; ");
  return (
    <Alert color="yellow" title={t("campaign.held.title", { n: f.number(total) })} data-testid="held-notice">
      <Text size="sm">{t("campaign.held.reasons", { reasons })}</Text>
      <Text size="sm" data-testid="held-until">
        {campaign.heldUntil
          ? t("campaign.held.until", { at: f.dayTime(campaign.heldUntil) })
          : t("campaign.held.untilUnknown")}
      </Text>
    </Alert>
  );
}
