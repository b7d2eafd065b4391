import { Badge, Tooltip } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useRealtime } from "../realtime/RealtimeProvider";

/** Whether live updates are flowing (the Socket.IO connection). */
export function LiveIndicator() {
  const { t } = useTranslation();
  const { connected } = useRealtime();
  return (
    <Tooltip label={connected ? t("live.onHint") : t("live.offHint")}>
      <Badge
        variant="dot"
        color={connected ? "teal" : "red"}
        visibleFrom="sm"
        data-testid="live"
        data-connected={connected}
      >
        {connected ? t("live.on") : t("live.off")}
      </Badge>
    </Tooltip>
  );
}
