import { Group, SegmentedControl, Select, Stack, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { CONVERSATION_STATUSES, type ConversationFilters, type ConversationStatus } from "../../api/inbox";
import { useCan, useChannels } from "../../api/session";

/** Typing settles this long (ms) before the list is asked again. */
const TYPING_MS = 300;

interface Props {
  value: ConversationFilters;
  onChange: (next: ConversationFilters) => void;
}

/**
 * The list's filters: whose (mine, unassigned, all: not offered to those who read only
 * their own conversations, `inbox.view_assigned` without `inbox.view_all`), status, label,
 * channel, and a search.
 */
export function ListFilters({ value, onChange }: Props) {
  const { t } = useTranslation();
  const seesAll = useCan()("inbox.view_all");
  const channels = useChannels().data ?? [];
  const [search, setSearch] = useState(value.search ?? "");
  const [label, setLabel] = useState(value.label ?? "");
  const [debouncedSearch] = useDebouncedValue(search, TYPING_MS);
  const [debouncedLabel] = useDebouncedValue(label, TYPING_MS);
  // The latest filters, so settling text never undoes a choice made meanwhile.
  const latest = useRef({ value, onChange });
  latest.current = { value, onChange };
  useEffect(() => {
    const { value: v, onChange: change } = latest.current;
    if ((v.search ?? "") !== debouncedSearch || (v.label ?? "") !== debouncedLabel)
      change({ ...v, search: debouncedSearch, label: debouncedLabel });
  }, [debouncedSearch, debouncedLabel]);
  return (
    <Stack gap={6} p="xs" style={{ borderBottom: "1px solid var(--mantine-color-gray-3)" }}>
      {seesAll && (
        <SegmentedControl
          size="xs"
          fullWidth
          value={value.assignee}
          onChange={(v) => onChange({ ...value, assignee: v as ConversationFilters["assignee"] })}
          data={(["mine", "unassigned", "all"] as const).map((a) => ({
            value: a,
            label: t(`inbox.assignee.${a}`),
          }))}
          aria-label={t("inbox.filters.assignee")}
        />
      )}
      <TextInput
        size="xs"
        type="search"
        placeholder={t("inbox.filters.search")}
        aria-label={t("inbox.filters.search")}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        data-testid="inbox-search"
      />
      {/* Side by side only where both fit their words ("Semua nomor" was cut at 768 px). */}
      <Group gap={6} wrap="wrap">
        <Select
          size="xs"
          aria-label={t("inbox.filters.status")}
          value={value.status ?? "any"}
          onChange={(v) =>
            onChange({ ...value, status: v === "any" || !v ? undefined : (v as ConversationStatus) })
          }
          data={[
            { value: "any", label: t("inbox.filters.anyStatus") },
            ...CONVERSATION_STATUSES.map((s) => ({ value: s, label: t(`inbox.status.${s}`) })),
          ]}
          allowDeselect={false}
          style={{ flex: "1 1 9rem" }}
          data-testid="status-filter"
        />
        <Select
          size="xs"
          aria-label={t("inbox.filters.channel")}
          value={value.channelId ?? "any"}
          onChange={(v) => onChange({ ...value, channelId: v === "any" || !v ? undefined : v })}
          data={[
            { value: "any", label: t("inbox.filters.anyChannel") },
            ...channels.map((c) => ({ value: c.id, label: c.name })),
          ]}
          allowDeselect={false}
          style={{ flex: "1 1 9rem" }}
        />
      </Group>
      <TextInput
        size="xs"
        placeholder={t("inbox.filters.label")}
        aria-label={t("inbox.filters.label")}
        value={label}
        onChange={(e) => setLabel(e.currentTarget.value)}
      />
    </Stack>
  );
}
