import { Anchor, Badge, Group, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useContactHistory } from "../../api/contacts";
import type { ContactHistory } from "../../api/types";
import { Bubble } from "../../components/Bubble";
import { EmptyState, QueryState } from "../../components/QueryState";
import { RecipientStatusBadge } from "../../components/StatusBadge";
import { useFormat } from "../../lib/useFormat";
import { TableHead } from "../../components/TableHead";
import { CustomerOrders } from "../orders/CustomerOrders";

/** A contact's campaigns, conversations and latest messages. */
export function ContactHistoryPanel({ contactId }: { contactId: string }) {
  const query = useContactHistory(contactId);
  return <QueryState query={query}>{(h) => <History history={h} contactId={contactId} />}</QueryState>;
}

function History({ history, contactId }: { history: ContactHistory; contactId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Stack gap="md">
      <Paper withBorder radius="md" p="md">
        <Title order={4} mb="sm">
          {t("orders.customerOrders.title")}
        </Title>
        <CustomerOrders contactId={contactId} />
      </Paper>
      <Paper withBorder radius="md" p="md">
        <Title order={4} mb="sm">
          {t("contacts.detail.campaigns")}
        </Title>
        {history.campaigns.length === 0 ? (
          <EmptyState>{t("contacts.detail.noCampaigns")}</EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={480}>
            <Table data-testid="contact-campaigns" verticalSpacing={6}>
              <TableHead
                columns={[
                  t("campaigns.name"),
                  t("campaigns.status"),
                  t("contacts.detail.sentAt"),
                  t("contacts.detail.repliedAt"),
                ]}
              />
              <Table.Tbody>
                {history.campaigns.map((c) => (
                  <Table.Tr key={c.campaignId}>
                    <Table.Td>
                      <Anchor component={Link} to={`/campaigns/${c.campaignId}`} size="sm">
                        {c.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <RecipientStatusBadge status={c.status} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs">{c.sentAt ? f.dateTime(c.sentAt) : "—"}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs">{c.repliedAt ? f.dateTime(c.repliedAt) : "—"}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <Paper withBorder radius="md" p="md">
        <Title order={4} mb="sm">
          {t("contacts.detail.conversations")}
        </Title>
        {history.conversations.length === 0 ? (
          <EmptyState>{t("contacts.detail.noConversations")}</EmptyState>
        ) : (
          <Stack gap="sm">
            {history.conversations.map((c) => (
              <Group key={c.id} gap="xs" data-testid="contact-conversation">
                <Anchor component={Link} to={`/inbox/${c.id}`} size="sm" fw={500}>
                  {c.channelName}
                </Anchor>
                <Badge variant="light" size="sm">
                  {t(`contacts.detail.conversationStatus.${c.status}`)}
                </Badge>
                <Text size="xs" c="dimmed">
                  {t("contacts.detail.messageCount", { count: c.messageCount, n: f.number(c.messageCount) })}{" "}
                  · {f.dateTime(c.lastMessageAt)}
                </Text>
              </Group>
            ))}
            <Stack
              gap={6}
              p="sm"
              style={{ background: "#efeae2", borderRadius: 8 }}
              data-testid="contact-messages"
            >
              {[...history.messages].reverse().map((m) => (
                <Bubble
                  key={m.id}
                  side={m.direction === "out" ? "right" : "left"}
                  meta={f.dateTime(m.createdAt)}
                >
                  {m.text ?? (m.hasMedia ? t("contacts.detail.media") : "")}
                </Bubble>
              ))}
            </Stack>
          </Stack>
        )}
      </Paper>
    </Stack>
  );
}
