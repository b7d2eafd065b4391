import { Alert, Anchor, Breadcrumbs, Group, Paper, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useCampaign } from "../../api/campaigns";
import { useChannels } from "../../api/session";
import { mediaSrc } from "../../api/templates";
import type { Campaign, RecipientStatus } from "../../api/types";
import { CaptionMode, MessageMedia } from "../../components/MessageMedia";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { CampaignStatusBadge } from "../../components/StatusBadge";
import { statusReasonText } from "../../lib/reasons";
import { HeldNotice } from "./HeldNotice";
import { ActualCost } from "./ActualCost";
import { useFormat } from "../../lib/useFormat";
import { CampaignActions } from "./CampaignActions";
import { CampaignChannels } from "./CampaignChannels";
import { CampaignProgress } from "./CampaignProgress";
import { waParamEntries } from "./composer/draft";
import { RecipientsTable } from "./RecipientsTable";

/** One campaign: live progress, counters, actions and the per-recipient report. */
export function CampaignDetailPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const query = useCampaign(id);
  return (
    <>
      <Breadcrumbs mb="xs">
        <Anchor component={Link} to="/campaigns" size="sm">
          {t("nav.campaigns")}
        </Anchor>
        <Text size="sm">{query.data?.name ?? "…"}</Text>
      </Breadcrumbs>
      <QueryState query={query}>{(c) => <CampaignDetail campaign={c} />}</QueryState>
    </>
  );
}

function CampaignDetail({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const f = useFormat();
  const channel = useChannels().data?.find((ch) => ch.id === campaign.channelId);
  const [status, setStatus] = useState<RecipientStatus | null>(null);
  const [page, setPage] = useState(1);
  const filter = (s: RecipientStatus | null) => {
    setStatus(s);
    setPage(1);
  };
  const hybrid = campaign.routing === "hybrid";
  const waValues = [
    ...waParamEntries(campaign.waTemplate?.header),
    ...waParamEntries(campaign.waTemplate?.body),
  ];
  return (
    <Stack gap="lg">
      <PageHeader
        title={
          <Group gap="sm" component="span">
            <span data-testid="campaign-name">{campaign.name}</span>
            <CampaignStatusBadge status={campaign.status} />
          </Group>
        }
      >
        <CampaignActions campaign={campaign} />
      </PageHeader>
      {campaign.statusReason && (
        <Alert color={campaign.status === "failed" ? "red" : "yellow"} data-testid="status-reason">
          {t("campaign.reason", { reason: statusReasonText(t, campaign.statusReason) })}
          {campaign.statusReason === "quota_exhausted" && (
            <>
              {" "}
              <Anchor component={Link} to="/billing" data-testid="top-up-link">
                {t("campaign.topUp")}
              </Anchor>
            </>
          )}
        </Alert>
      )}
      <HeldNotice campaign={campaign} />
      <Paper withBorder p="md" radius="md">
        <CampaignProgress counts={campaign.counts} onPick={filter} />
        <ActualCost cost={campaign.actualCost} />
      </Paper>
      {campaign.pool.length > 1 && (
        <Paper withBorder p="md" radius="md">
          <CampaignChannels campaign={campaign} />
        </Paper>
      )}
      <Paper withBorder p="md" radius="md">
        <Group gap="xl" mb="md">
          <Meta label={t("campaign.channel")} value={channel?.name ?? "—"} />
          <Meta label={t("campaign.created")} value={f.dateTime(campaign.createdAt)} />
          {campaign.status === "scheduled" && campaign.scheduledAt && (
            <Meta label={t("composer.review.when")} value={f.dateTime(campaign.scheduledAt)} />
          )}
          {campaign.startedAt && (
            <Meta label={t("campaign.started")} value={f.dateTime(campaign.startedAt)} />
          )}
          {campaign.finishedAt && (
            <Meta label={t("campaign.finished")} value={f.dateTime(campaign.finishedAt)} />
          )}
        </Group>
        {campaign.media && (
          <Stack gap={4} mb="sm" maw={320} data-testid="campaign-media">
            <Text size="xs" c="dimmed">
              {t("messageMedia.attachment")}
            </Text>
            <MessageMedia media={campaign.media} src={mediaSrc(campaign.media)} />
            {!campaign.waTemplate && (
              <CaptionMode media={campaign.media} hasText={campaign.body.trim().length > 0} />
            )}
          </Stack>
        )}
        <Text size="xs" c="dimmed" mb={4}>
          {t("campaign.message")}
        </Text>
        {hybrid && (
          <Text size="xs" c="dimmed">
            {t("pool.warmMessage")}
          </Text>
        )}
        <Text size="sm" style={{ whiteSpace: "pre-wrap" }} data-testid="campaign-message">
          {campaign.waTemplate && !hybrid
            ? `${t("composer.waTemplate")}: ${campaign.waTemplate.name} (${campaign.waTemplate.language})`
            : campaign.body}
        </Text>
        {hybrid && campaign.waTemplate && (
          <Text size="sm" mt={4} data-testid="campaign-hybrid-template">
            {t("pool.reviewTemplate", {
              template: `${campaign.waTemplate.name} (${campaign.waTemplate.language})`,
            })}
          </Text>
        )}
        {waValues.length > 0 && (
          <Text size="xs" c="dimmed" mt={4} data-testid="campaign-wa-values">
            {waValues.map(([n, v]) => `{{${n}}} = ${v}`).join(" · ")}
          </Text>
        )}
      </Paper>
      <Paper withBorder p="md" radius="md">
        <RecipientsTable
          campaign={campaign}
          sandbox={channel?.kind === "sandbox"}
          status={status}
          onStatus={filter}
          page={page}
          onPage={setPage}
        />
      </Paper>
    </Stack>
  );
}

function Meta({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{value}</Text>
    </div>
  );
}
