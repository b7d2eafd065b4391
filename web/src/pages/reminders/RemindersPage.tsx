import { Alert, Badge, Card, Code, Group, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { type ReminderPreview, useReminderPreview } from "../../api/reminders";
import { useCan } from "../../api/session";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { formatRupiah } from "../../lib/rupiah";
import { useFormat } from "../../lib/useFormat";
import { ReminderSettingsForm } from "./ReminderSettingsForm";

/**
 * Repeat-order reminders: today's dry-run (who would get which products, the suggestions
 * and the rendered message; the reminders that would be skipped and why), and (with
 * `campaigns.create`, as PUT /reminders/settings asks) the settings. Nothing on this page sends.
 */
export function RemindersPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const can = useCan();
  const query = useReminderPreview();
  return (
    <Stack>
      <PageHeader title={t("reminders.title")} />
      <Text c="dimmed" size="sm">
        {t("reminders.intro")}
      </Text>
      <QueryState query={query}>
        {(data: ReminderPreview) => (
          <Stack>
            <Text size="sm" data-testid="reminders-counts">
              {t("reminders.counts", {
                date: data.date,
                customers: f.number(data.counts.customers),
                reminders: f.number(data.counts.reminders),
                skipped: f.number(data.counts.skipped),
              })}
            </Text>
            {!data.enabled && (
              <Alert color="yellow" data-testid="reminders-off">
                {t("reminders.off")}
              </Alert>
            )}
            {data.messages.length === 0 && data.skipped.length === 0 ? (
              <Alert color="gray" data-testid="reminders-empty">
                {t("reminders.empty")}
              </Alert>
            ) : (
              data.messages.map((m) => (
                <Card key={m.contactId} withBorder data-testid="reminder-message">
                  <Stack gap={6}>
                    <Group justify="space-between">
                      <Text fw={600}>{m.name ?? m.phone}</Text>
                      <Text size="sm" c="dimmed">
                        {m.phone}
                      </Text>
                    </Group>
                    <Group gap={4}>
                      {m.items.map((i) => (
                        <Badge key={i.reminderId} variant="light">
                          {i.name}
                        </Badge>
                      ))}
                      {m.suggestions.map((s) => (
                        <Badge
                          key={s.productId}
                          variant="outline"
                          color="grape"
                          data-testid="reminder-suggestion"
                        >
                          {t("reminders.suggested", { name: s.name, price: formatRupiah(s.price) })}
                        </Badge>
                      ))}
                    </Group>
                    <Code block data-testid="reminder-text">
                      {m.text}
                    </Code>
                  </Stack>
                </Card>
              ))
            )}
            {data.skipped.length > 0 && (
              <Stack gap="xs">
                <Title order={5}>{t("reminders.skippedTitle")}</Title>
                <Table data-testid="reminders-skipped">
                  <Table.Tbody>
                    {data.skipped.map((s) => (
                      <Table.Tr key={s.reminderId}>
                        <Table.Td>{s.name ?? s.phone}</Table.Td>
                        <Table.Td>{s.productName}</Table.Td>
                        <Table.Td>{t(`reminders.reason.${s.reason}`)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Stack>
            )}
          </Stack>
        )}
      </QueryState>
      {can("campaigns.create") && <ReminderSettingsForm />}
    </Stack>
  );
}
