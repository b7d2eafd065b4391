import { Button, Center, Group, Menu, Paper, Select, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  AUDIT_TARGET_TYPES,
  type AuditFilters,
  auditExportUrl,
  NO_AUDIT_FILTERS,
  useAuditLog,
  useAuditPeople,
} from "../../api/audit";
import { useOutlets } from "../../api/outlets";
import { useCan, useTenant } from "../../api/session";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { zonedToIso } from "../automation/zonedTime";
import { AuditTable } from "./AuditTable";
import { targetWords } from "./words";

/** The days the date inputs hold (YYYY-MM-DD, the shop's days), kept apart from the API's instants. */
interface Days {
  from: string;
  to: string;
}

/** The day after `day` (YYYY-MM-DD). */
const nextDay = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * /audit (with `audit.read`): the shop's audit log, newest first, with filters (person,
 * action or group of actions, target type, a range of the shop's days), "load more", and
 * a download of what the filters match.
 */
export function AuditLogPage() {
  const { t } = useTranslation();
  const zone = useTenant().data?.timeZone ?? "Asia/Jakarta";
  const people = useAuditPeople();
  const can = useCan();
  const outlets = useOutlets(can("outlets.read")).data ?? [];
  const [filters, setFilters] = useState<Omit<AuditFilters, "from" | "to">>(NO_AUDIT_FILTERS);
  const [days, setDays] = useState<Days>({ from: "", to: "" });
  const [action, setAction] = useState("");
  const [debounced] = useDebouncedValue(action.trim(), 300);
  useEffect(() => setFilters((f) => ({ ...f, action: debounced })), [debounced]);
  const query: AuditFilters = {
    ...filters,
    from: (days.from && zonedToIso(`${days.from}T00:00`, zone)) || "",
    to: (days.to && zonedToIso(`${nextDay(days.to)}T00:00`, zone)) || "",
  };
  const log = useAuditLog(query);
  const active = Object.values(query).some(Boolean);
  const clear = () => {
    setFilters(NO_AUDIT_FILTERS);
    setDays({ from: "", to: "" });
    setAction("");
  };
  return (
    <>
      <PageHeader title={t("audit.title")}>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <Button variant="default" data-testid="audit-export">
              {t("audit.export.button")}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item
              component="a"
              href={auditExportUrl(query, "csv")}
              download
              data-testid="audit-export-csv"
            >
              {t("audit.export.csv")}
            </Menu.Item>
            <Menu.Item
              component="a"
              href={auditExportUrl(query, "xlsx")}
              download
              data-testid="audit-export-xlsx"
            >
              {t("audit.export.xlsx")}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </PageHeader>
      <Text c="dimmed" size="sm" mb="md">
        {t("audit.intro")}
      </Text>
      <Paper withBorder radius="md" p="md">
        <Group gap="sm" align="flex-end" wrap="wrap" mb="md" data-testid="audit-filters">
          <Select
            label={t("audit.filter.person")}
            placeholder={t("audit.filter.any")}
            data={(people.data ?? []).map((p) => ({ value: p.userId, label: p.name ?? p.userId }))}
            value={filters.userId || null}
            onChange={(v) => setFilters((f) => ({ ...f, userId: v ?? "" }))}
            clearable
            searchable
            data-testid="audit-filter-person"
          />
          <TextInput
            label={t("audit.filter.action")}
            placeholder={t("audit.filter.actionHint")}
            value={action}
            onChange={(e) => setAction(e.currentTarget.value)}
            data-testid="audit-filter-action"
          />
          <Select
            label={t("audit.filter.target")}
            placeholder={t("audit.filter.any")}
            data={AUDIT_TARGET_TYPES.map((type) => ({ value: type, label: targetWords(t, type) }))}
            value={filters.targetType || null}
            onChange={(v) => setFilters((f) => ({ ...f, targetType: v ?? "" }))}
            clearable
            data-testid="audit-filter-target"
          />
          {outlets.length > 1 && (
            <Select
              label={t("audit.filter.outlet")}
              placeholder={t("audit.filter.any")}
              data={outlets.map((o) => ({ value: o.id, label: o.name }))}
              value={filters.outletId || null}
              onChange={(v) => setFilters((f) => ({ ...f, outletId: v ?? "" }))}
              clearable
              data-testid="audit-filter-outlet"
            />
          )}
          <TextInput
            type="date"
            label={t("audit.filter.from")}
            value={days.from}
            onChange={(e) => setDays((d) => ({ ...d, from: e.currentTarget.value }))}
            data-testid="audit-filter-from"
          />
          <TextInput
            type="date"
            label={t("audit.filter.to")}
            value={days.to}
            onChange={(e) => setDays((d) => ({ ...d, to: e.currentTarget.value }))}
            data-testid="audit-filter-to"
          />
          {active && (
            <Button variant="subtle" onClick={clear} data-testid="audit-clear">
              {t("audit.clear")}
            </Button>
          )}
        </Group>
        <QueryState query={log}>
          {(data) => {
            const entries = data.pages.flatMap((p) => p.items);
            return entries.length === 0 ? (
              <Center py="xl" data-testid="empty">
                <Text c="dimmed">{active ? t("audit.emptyFiltered") : t("audit.empty")}</Text>
              </Center>
            ) : (
              <Stack gap="md">
                <AuditTable entries={entries} />
                {log.hasNextPage && (
                  <Center>
                    <Button
                      variant="light"
                      onClick={() => void log.fetchNextPage()}
                      loading={log.isFetchingNextPage}
                      data-testid="audit-more"
                    >
                      {t("audit.more")}
                    </Button>
                  </Center>
                )}
              </Stack>
            );
          }}
        </QueryState>
      </Paper>
    </>
  );
}
