import { Anchor, Badge, Button, Paper, Table, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { useChannelsHealth } from "../../api/channels";
import { useCan, useChannels } from "../../api/session";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { useFormat } from "../../lib/useFormat";
import { AddChannelModal } from "./AddChannelModal";
import { ChannelStatusBadge } from "./ChannelStatusBadge";
import { HealthScoreBadge } from "./HealthScore";
import { presetLabel } from "./labels";
import { TableHead } from "../../components/TableHead";
import { formatPhone } from "../../lib/phone";
import type { ChannelHealthSummary } from "../../api/types";

/** The shop's WhatsApp numbers with their live status and health score; with `channels.manage` one adds new ones here. */
export function ChannelListPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const navigate = useNavigate();
  const can = useCan();
  const query = useChannels();
  const health = useChannelsHealth().data;
  const [adding, { open, close }] = useDisclosure(false);
  return (
    <>
      <PageHeader title={t("channels.title")}>
        {can("channels.manage") && (
          <Button onClick={open} data-testid="add-channel">
            {t("channels.add")}
          </Button>
        )}
      </PageHeader>
      <Text c="dimmed" size="sm" mb="md">
        {t("channels.intro")}
      </Text>
      <Paper withBorder radius="md" p="md">
        <QueryState query={query} empty={t("channels.empty")} isEmpty={(list) => list.length === 0}>
          {(list) => (
            <Table.ScrollContainer minWidth={720}>
              <Table highlightOnHover verticalSpacing="sm" data-testid="channels-table">
                <TableHead
                  columns={[
                    t("channels.name"),
                    t("channels.number"),
                    t("channels.kindLabel"),
                    t("channels.status"),
                    t("health.column"),
                    t("channels.since"),
                    t("pacing.title"),
                  ]}
                />
                <Table.Tbody>
                  {list.map((c) => (
                    <Table.Tr key={c.id} data-testid={`channel-row-${c.id}`}>
                      <Table.Td>
                        <Anchor component={Link} to={`/channels/${c.id}`} fw={500}>
                          {c.name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" ff="monospace">
                          {c.phone ? formatPhone(c.phone) : t("channels.noNumberYet")}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="outline" color="gray" miw="max-content">
                          {t(`channels.kind.${c.kind}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <ChannelStatusBadge status={c.status} />
                      </Table.Td>
                      <Table.Td>
                        <ScoreCell score={health?.find((x) => x.channelId === c.id)} />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{f.dateTime(c.statusSince)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{presetLabel(t, c.pacingPreset)}</Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </QueryState>
      </Paper>
      <AddChannelModal
        opened={adding}
        onClose={close}
        onCreated={(c) => {
          close();
          void navigate(`/channels/${c.id}`);
        }}
      />
    </>
  );
}

/** A number's score in the list, or a dash while it loads. */
function ScoreCell({ score }: { score: ChannelHealthSummary | undefined }) {
  return score ? (
    <HealthScoreBadge score={score.score} level={score.level} testId="channel-health-score" />
  ) : (
    <Text size="sm" c="dimmed">
      –
    </Text>
  );
}
