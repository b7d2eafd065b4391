import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ChannelStatus } from "../../api/types";

const COLORS: Record<ChannelStatus, string> = {
  connected: "teal",
  connecting: "blue",
  qr: "violet",
  disconnected: "gray",
  logged_out: "orange",
  blocked: "red",
  replaced: "orange",
  needs_token: "red",
};

/** A channel's status, live (the `channel.status` event refreshes the channel). */
export function ChannelStatusBadge({
  status,
  testId = "channel-status",
}: {
  status: ChannelStatus;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[status]} variant="light" miw="max-content" data-testid={testId} data-status={status}>
      {t(`channelStatus.${status}`)}
    </Badge>
  );
}
