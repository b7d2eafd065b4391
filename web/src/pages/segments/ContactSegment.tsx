import { Badge, Group, Paper, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useContactRfm } from "../../api/segments";
import { formatRupiah } from "../../lib/rupiah";
import { SEGMENT_COLOR } from "./colors";

/** A contact's RFM segment and figures (the contact page), or "no orders yet". */
export function ContactSegment({ contactId }: { contactId: string }) {
  const { t } = useTranslation();
  const rfm = useContactRfm(contactId);
  if (rfm.isPending || rfm.isError) return null;
  const r = rfm.data;
  return (
    <Paper withBorder p="sm" data-testid="contact-segment">
      <Stack gap={4}>
        <Group gap="xs">
          <Text size="sm" fw={500}>
            {t("segments.contact.title")}
          </Text>
          {r ? (
            <Badge color={SEGMENT_COLOR[r.segment]} variant="light">
              {t(`segments.name.${r.segment}`)}
            </Badge>
          ) : (
            <Text size="sm" c="dimmed">
              {t("segments.contact.none")}
            </Text>
          )}
          {r && (
            <Text size="xs" c="dimmed">
              {t("segments.contact.scores", r.scores)}
            </Text>
          )}
        </Group>
        {r && (
          <Text size="xs" c="dimmed">
            {t("segments.contact.figures", {
              days: r.recencyDays,
              orders: r.frequency,
              money: formatRupiah(r.monetary),
            })}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
