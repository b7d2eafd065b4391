import { Text, Tooltip } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { MessageStatus } from "../../api/inbox";

const MARKS: Record<MessageStatus, { mark: string; color: string }> = {
  pending: { mark: "🕓", color: "dimmed" },
  sent: { mark: "✓", color: "dimmed" },
  delivered: { mark: "✓✓", color: "dimmed" },
  read: { mark: "✓✓", color: "blue.6" },
  failed: { mark: "!", color: "red.7" },
  received: { mark: "", color: "dimmed" },
};

/** WhatsApp's ticks for an agent's message: 🕓 pending, ✓ sent, ✓✓ delivered, blue ✓✓ read, ! failed. */
export function StatusTicks({ status, error }: { status: MessageStatus; error?: string | null }) {
  const { t } = useTranslation();
  const m = MARKS[status];
  if (!m.mark) return null;
  const label = t(`inbox.tick.${status}`) + (error ? `: ${error}` : "");
  return (
    <Tooltip label={label} withinPortal>
      <Text
        span
        size="xs"
        fw={700}
        c={m.color}
        aria-label={label}
        data-testid="ticks"
        data-status={status}
        style={{ flexShrink: 0, lineHeight: 1 }}
      >
        {m.mark}
      </Text>
    </Tooltip>
  );
}
