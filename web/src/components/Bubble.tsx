import { Box, Text } from "@mantine/core";
import type { ReactNode } from "react";

interface Props {
  /** `right`: written by this phone (green); `left`: received (white). */
  side: "left" | "right";
  children: ReactNode;
  /** Small text under the message (the time). */
  meta?: ReactNode;
  testId?: string;
}

/** A WhatsApp-like chat bubble. */
export function Bubble({ side, children, meta, testId }: Props) {
  return (
    <Box
      style={{ display: "flex", justifyContent: side === "right" ? "flex-end" : "flex-start" }}
      data-testid={testId}
      data-side={side}
    >
      <Box
        px="sm"
        py={6}
        maw="80%"
        style={{
          background: side === "right" ? "#d9fdd3" : "#fff",
          borderRadius: 8,
          boxShadow: "0 1px 0.5px rgba(11,20,26,.13)",
        }}
      >
        <Text size="sm" style={{ whiteSpace: "pre-wrap", wordBreak: "break-word" }}>
          {children}
        </Text>
        {meta && (
          <Text size="10px" c="dimmed" ta="right" mt={2}>
            {meta}
          </Text>
        )}
      </Box>
    </Box>
  );
}
