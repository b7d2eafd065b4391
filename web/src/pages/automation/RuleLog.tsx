import { Anchor, Badge, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useRuleLog, type AutoReplyOutcome } from "../../api/automation";
import { QueryState } from "../../components/QueryState";
import { useFormat } from "../../lib/useFormat";
import { TableHead } from "../../components/TableHead";

const OUTCOME_COLORS: Record<AutoReplyOutcome, string> = {
  scheduled: "blue",
  sent: "teal",
  failed: "red",
  cancelled: "gray",
  cooldown: "yellow",
  opted_out: "gray",
  suspected_bot: "orange",
  stale: "gray",
};

/**
 * What a rule did for each incoming message it matched, latest first (live by `message.new`):
 * who wrote, what they wrote, the outcome and the reply.
 */
export function RuleLog({ ruleId }: { ruleId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const query = useRuleLog(ruleId);
  return (
    <QueryState query={query} empty={t("automation.log.empty")} isEmpty={(l) => l.length === 0}>
      {(entries) => (
        <Table.ScrollContainer minWidth={820}>
          <Table verticalSpacing="xs" data-testid="rule-log">
            <TableHead
              columns={[
                t("automation.log.at"),
                t("automation.log.contact"),
                t("automation.log.message"),
                t("automation.log.outcome"),
                t("automation.log.reply"),
              ]}
            />
            <Table.Tbody>
              {entries.map((e) => (
                <Table.Tr key={e.id} data-testid="rule-log-row">
                  <Table.Td>
                    <Text size="sm">{f.dateTime(e.at)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Anchor
                      component={Link}
                      to={`/contacts/${e.contactId}`}
                      size="sm"
                      title={t("automation.log.openContact")}
                      data-testid="rule-log-contact"
                    >
                      {e.contactName ?? e.contactPhone}
                    </Anchor>
                    {e.contactName && (
                      <Text size="xs" c="dimmed">
                        {e.contactPhone}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td maw={280}>
                    <Text size="sm" style={{ whiteSpace: "pre-wrap" }} data-testid="rule-log-message">
                      {e.messageText ?? "—"}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge
                      color={OUTCOME_COLORS[e.outcome]}
                      variant="light"
                      title={t(`automation.outcomeHints.${e.outcome}`)}
                      data-testid="rule-log-outcome"
                    >
                      {t(`automation.outcomes.${e.outcome}`)}
                    </Badge>
                    {e.sentAt && (
                      <Text size="xs" c="dimmed">
                        {f.dateTime(e.sentAt)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td maw={360}>
                    <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                      {e.replyText ?? "—"}
                    </Text>
                    {e.error && (
                      <Text size="xs" c="red">
                        {e.error}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </QueryState>
  );
}
