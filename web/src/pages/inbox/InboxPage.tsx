import { Box, Group, Paper, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import type { ConversationFilters } from "../../api/inbox";
import { EmptyState } from "../../components/QueryState";
import { ContactPanel } from "./ContactPanel";
import { ConversationList } from "./ConversationList";
import { ListFilters } from "./ListFilters";
import { PresenceSwitch } from "./PresenceSwitch";
import { Thread } from "./Thread";

/** Height of the three columns: the window less the header (60) and the page's padding and title. */
const COLUMN_HEIGHT = "calc(100dvh - 60px - 2 * var(--mantine-spacing-lg) - 48px)";

/**
 * The shared inbox: conversations (filters, unread counts), the selected thread with its
 * composer, and the contact panel (shown from 1200 px; below, opened from the thread).
 */
export function InboxPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const [filters, setFilters] = useState<ConversationFilters>({ assignee: "all", status: "open" });
  return (
    <>
      <Group justify="space-between" mb="sm" h={36} wrap="nowrap">
        <Title order={2} size="h3">
          {t("inbox.title")}
        </Title>
        <PresenceSwitch />
      </Group>
      <Box
        style={{ display: "flex", gap: "var(--mantine-spacing-sm)", height: COLUMN_HEIGHT, minHeight: 420 }}
      >
        <Paper
          withBorder
          w={{ base: 250, lg: 300 }}
          style={{ display: "flex", flexDirection: "column", overflow: "hidden", flexShrink: 0 }}
          data-testid="conversation-column"
        >
          <ListFilters value={filters} onChange={setFilters} />
          <ConversationList filters={filters} selectedId={id} />
        </Paper>
        <Paper
          withBorder
          style={{ flex: 1, minWidth: 0, display: "flex", flexDirection: "column", overflow: "hidden" }}
        >
          {id ? <Thread key={id} id={id} /> : <EmptyState>{t("inbox.pick")}</EmptyState>}
        </Paper>
        {id && (
          <Paper
            withBorder
            w={300}
            visibleFrom="lg"
            style={{ overflow: "auto", flexShrink: 0 }}
            data-testid="contact-column"
          >
            <ContactPanel id={id} />
          </Paper>
        )}
      </Box>
    </>
  );
}
