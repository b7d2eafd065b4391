import { Anchor, Badge, Divider, Group, Stack, TagsInput, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { errorMessage } from "../../api/client";
import { useConversation, useSetConversationLabels, type ConversationDetail } from "../../api/inbox";
import { QueryState } from "../../components/QueryState";
import { useFormat } from "../../lib/useFormat";
import { CustomerOrders } from "../orders/CustomerOrders";
import { Notes } from "./Notes";
import { formatPhone } from "../../lib/phone";

/** Beside the thread: the contact (attributes, labels), the conversation's labels, notes, campaign history. */
export function ContactPanel({ id }: { id: string }) {
  const query = useConversation(id);
  return <QueryState query={query}>{(d) => <Panel d={d} />}</QueryState>;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={4}>
      <Title order={4} size="sm">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

function Panel({ d }: { d: ConversationDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const setLabels = useSetConversationLabels(d.conversation.id);
  const attributes = Object.entries(d.contact.attributes);
  return (
    <Stack gap="md" p="sm" data-testid="contact-panel">
      <Stack gap={0}>
        <Anchor component={Link} to={`/contacts/${d.contact.id}`} fw={600}>
          {d.contact.name ?? formatPhone(d.contact.phone)}
        </Anchor>
        <Text size="xs" c="dimmed">
          {formatPhone(d.contact.phone)}
        </Text>
        {d.contact.optedOut && (
          <Badge size="xs" color="red" variant="light" mt={4}>
            {t("inbox.contact.optedOut")}
          </Badge>
        )}
      </Stack>
      <Section title={t("inbox.contact.attributes")}>
        {attributes.length === 0 ? (
          <Text size="xs" c="dimmed">
            {t("inbox.contact.noAttributes")}
          </Text>
        ) : (
          attributes.map(([k, v]) => (
            <Group key={k} gap={6} wrap="nowrap">
              <Text size="xs" c="dimmed" w={90} truncate>
                {k}
              </Text>
              <Text size="xs" style={{ wordBreak: "break-word" }}>
                {v}
              </Text>
            </Group>
          ))
        )}
        {d.contact.labels.length > 0 && (
          <Group gap={4}>
            {d.contact.labels.map((l) => (
              <Badge key={l} size="xs" variant="outline" color="gray">
                {l}
              </Badge>
            ))}
          </Group>
        )}
      </Section>
      <Section title={t("inbox.labels.title")}>
        <TagsInput
          size="xs"
          aria-label={t("inbox.labels.title")}
          placeholder={t("inbox.labels.placeholder")}
          value={d.conversation.labels}
          onChange={(labels) =>
            setLabels.mutate(labels, {
              onError: (err) => notifications.show({ color: "red", message: errorMessage(err) }),
            })
          }
          maxTags={20}
          disabled={setLabels.isPending}
          data-testid="conversation-labels"
        />
      </Section>
      <Divider />
      <Section title={t("inbox.notes.title")}>
        <Notes conversationId={d.conversation.id} notes={d.notes} />
      </Section>
      <Divider />
      <Section title={t("orders.customerOrders.title")}>
        <CustomerOrders contactId={d.contact.id} />
      </Section>
      <Divider />
      <Section title={t("inbox.contact.campaigns")}>
        {d.campaigns.length === 0 ? (
          <Text size="xs" c="dimmed">
            {t("inbox.contact.noCampaigns")}
          </Text>
        ) : (
          d.campaigns.map((c) => (
            <Stack key={c.campaignId} gap={0}>
              <Anchor component={Link} to={`/campaigns/${c.campaignId}`} size="xs" fw={600}>
                {c.name}
              </Anchor>
              <Text size="10px" c="dimmed">
                {[
                  c.sentAt && `${t("inbox.contact.sent")} ${f.dateTime(c.sentAt)}`,
                  c.readAt ? t("inbox.contact.read") : c.deliveredAt ? t("inbox.contact.delivered") : null,
                  c.repliedAt && t("inbox.contact.replied"),
                ]
                  .filter(Boolean)
                  .join(" · ") || c.status}
              </Text>
            </Stack>
          ))
        )}
      </Section>
    </Stack>
  );
}
