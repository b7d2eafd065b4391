import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { CampaignStatus, RecipientStatus } from "../api/types";

const CAMPAIGN_COLORS: Record<CampaignStatus, string> = {
  draft: "gray",
  scheduled: "violet",
  running: "blue",
  paused: "yellow",
  completed: "teal",
  cancelled: "gray",
  failed: "red",
};

/** Colours of recipient states, shared by badges, the progress bar and the counters. */
export const RECIPIENT_COLORS: Record<RecipientStatus, string> = {
  pending: "gray",
  sending: "blue",
  sent: "cyan",
  delivered: "teal",
  read: "green",
  failed: "red",
  skipped: "orange",
  unknown: "grape",
  suspected_drop: "pink",
};

export function CampaignStatusBadge({ status }: { status: CampaignStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={CAMPAIGN_COLORS[status]} variant="light" data-testid="campaign-status">
      {t(`campaignStatus.${status}`)}
    </Badge>
  );
}

export function RecipientStatusBadge({ status }: { status: RecipientStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={RECIPIENT_COLORS[status]} variant="light">
      {t(`recipientStatus.${status}`)}
    </Badge>
  );
}
