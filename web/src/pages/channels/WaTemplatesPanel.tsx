import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSyncWaTemplates, useWaTemplates } from "../../api/channels";
import { errorMessage } from "../../api/client";
import { QueryState } from "../../components/QueryState";
import { useFormat } from "../../lib/useFormat";
import { TableHead } from "../../components/TableHead";
import { TemplateWizard } from "./wa-templates/TemplateWizard";

/** Meta's review states of a template, with their colours. */
const STATUS_COLORS = {
  APPROVED: "teal",
  PENDING: "yellow",
  REJECTED: "red",
  PAUSED: "orange",
  DISABLED: "gray",
} as const;
type ReviewState = keyof typeof STATUS_COLORS;
const isReviewState = (s: string): s is ReviewState => s in STATUS_COLORS;

/**
 * A Cloud API channel's WhatsApp message templates, synced on demand or made here ("Buat
 * template", the six-step wizard): Meta's review status with the rejection reason, and a
 * badge when Meta changed the category (the price changes with it).
 */
export function WaTemplatesPanel({ channelId, canManage }: { channelId: string; canManage: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const list = useWaTemplates(channelId, true);
  const sync = useSyncWaTemplates(channelId);
  const [wizard, setWizard] = useState(false);
  return (
    <Paper withBorder radius="md" p="md" data-testid="wa-templates">
      <Group justify="space-between" mb="sm">
        <Title order={4}>{t("channels.wa.title")}</Title>
        {canManage && (
          <Group gap="xs">
            <Button onClick={() => setWizard(true)} data-testid="wa-create">
              {t("channels.waWizard.create")}
            </Button>
            <Button
              variant="light"
              loading={sync.isPending}
              onClick={() =>
                sync.mutate(undefined, {
                  onSuccess: (r) =>
                    notifications.show({
                      color: "teal",
                      message: t("channels.wa.synced", { synced: r.synced, removed: r.removed }),
                    }),
                  onError: (e) =>
                    notifications.show({
                      color: "red",
                      title: t("channels.wa.syncFailed"),
                      message: errorMessage(e),
                    }),
                })
              }
              data-testid="wa-sync"
            >
              {t("channels.wa.sync")}
            </Button>
          </Group>
        )}
      </Group>
      {canManage && (
        <TemplateWizard
          channelId={channelId}
          opened={wizard}
          onClose={() => setWizard(false)}
          onSubmitted={(created) =>
            notifications.show({
              color: "teal",
              message: t("channels.waWizard.created", { name: created.name }),
            })
          }
        />
      )}
      <Text size="sm" c="dimmed" mb="sm">
        {t("channels.wa.intro")}
      </Text>
      <QueryState query={list} empty={t("channels.wa.empty")} isEmpty={(l) => l.length === 0}>
        {(l) => (
          <Table.ScrollContainer minWidth={520}>
            <Table verticalSpacing="xs">
              <TableHead
                columns={[
                  t("channels.wa.name"),
                  t("channels.wa.language"),
                  t("channels.wa.category"),
                  t("channels.wa.status"),
                  t("channels.wa.syncedAt"),
                ]}
              />
              <Table.Tbody>
                {l.map((w) => (
                  <Table.Tr key={`${w.name}:${w.language}`}>
                    <Table.Td ff="monospace">{w.name}</Table.Td>
                    <Table.Td>{w.language}</Table.Td>
                    <Table.Td>
                      <Stack gap={2} align="flex-start">
                        {w.category ?? ""}
                        {w.previousCategory && (
                          <Badge variant="outline" color="orange" size="xs" data-testid="wa-category-changed">
                            {t("channels.waWizard.categoryChanged", { previous: w.previousCategory })}
                          </Badge>
                        )}
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      <Badge
                        variant="light"
                        color={isReviewState(w.status) ? STATUS_COLORS[w.status] : "gray"}
                        data-testid="wa-template-status"
                      >
                        {isReviewState(w.status) ? t(`channels.wa.state.${w.status}`) : w.status}
                      </Badge>
                      {w.reason && (
                        <Text size="xs" c="dimmed" data-testid="wa-template-reason">
                          {w.reason}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{f.dateTime(w.syncedAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
    </Paper>
  );
}
