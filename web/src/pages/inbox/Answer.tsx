import { Badge, Box, Group, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { InboxMessage } from "../../api/inbox";

/**
 * What a customer's message answered, above its text in the thread: the shop's message it
 * answers ("Menjawab: …", a quote like WhatsApp's), the button or list row tapped (its kind
 * and id), and a shared location's own link. Renders nothing for other messages.
 */
export function Answer({ m }: { m: InboxMessage }) {
  const { t } = useTranslation();
  const answered = m.answering?.message;
  const url = m.location?.url;
  return (
    <>
      {m.answering && (
        <Box
          mb={4}
          px={8}
          py={4}
          data-testid="message-answering"
          style={{ borderLeft: "3px solid #25d366", background: "rgba(11,20,26,.05)", borderRadius: 4 }}
        >
          {answered ? (
            <Text span size="xs" c="dimmed" lineClamp={2}>
              {t("inbox.answer.answering")}{" "}
              {answered.text || (answered.hasMedia ? t("inbox.answer.media") : "")}
            </Text>
          ) : (
            <Text span size="xs" c="dimmed">
              {t("inbox.answer.answeringUnknown")}
            </Text>
          )}
        </Box>
      )}
      {m.button && (
        <Text
          span
          size="xs"
          c="dimmed"
          display="block"
          data-testid="message-button"
          title={m.button.id ? t("inbox.answer.buttonId", { id: m.button.id }) : undefined}
        >
          🔘 {t(`inbox.answer.${m.button.kind}`)}
          {m.button.id && ` · ${m.button.id}`}
        </Text>
      )}
      {url && /^https?:\/\//i.test(url) && (
        <Text span size="xs" display="block">
          📍{" "}
          <a href={url} target="_blank" rel="noreferrer noopener" data-testid="message-location-url">
            {t("inbox.answer.locationLink")}: {url}
          </a>
        </Text>
      )}
    </>
  );
}

/**
 * The reply buttons the shop's message offered (a Cloud API interactive message), under its
 * text like WhatsApp shows them: one outlined label per button. Renders nothing without.
 */
export function OfferedButtons({ m }: { m: InboxMessage }) {
  const { t } = useTranslation();
  if (!m.buttons?.length) return null;
  return (
    <Group gap={4} mt={6} role="group" aria-label={t("inbox.answer.offered")} data-testid="message-buttons">
      {m.buttons.map((b) => (
        <Badge
          key={b.id}
          variant="outline"
          color="teal"
          radius="sm"
          tt="none"
          title={t("inbox.answer.buttonId", { id: b.id })}
        >
          {b.title}
        </Badge>
      ))}
    </Group>
  );
}
