import { Alert, Group, Loader, Paper, SimpleGrid, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useCampaignEstimate, useContactImports } from "../../../api/campaigns";
import { errorMessage } from "../../../api/client";
import { useOutlets } from "../../../api/outlets";
import type { RfmSegment } from "../../../api/segments";
import { useChannels, useTenant } from "../../../api/session";
import { mediaSrc, useTemplates } from "../../../api/templates";
import { CaptionMode, MessageMedia } from "../../../components/MessageMedia";
import { useFormat } from "../../../lib/useFormat";
import { presetLabel } from "../../channels/labels";
import { audienceOf, formatDuration, type Draft } from "./draft";
import { MetaCostLine } from "./MetaCostLine";
import { type KindOf, type MessageMode, poolInput } from "./pool";
import { QuotaLine } from "./QuotaLine";
import { channelLabel } from "./PoolPicker";
import { SplitTable } from "./SplitTable";

/**
 * Step 5: what will be sent to whom and when, with the server's recipient count and the time
 * the channel's pacing needs; for several numbers, how they would share the recipients, and
 * Meta's charge of the Cloud API share (the template's messages), and in SaaS mode the message
 * units needed against those left (`QuotaLine`).
 */
export function ReviewStep({ draft, mode }: { draft: Draft; mode: MessageMode }) {
  const { t } = useTranslation();
  const f = useFormat();
  const zone = useTenant().data?.timeZone ?? "Asia/Jakarta";
  const channels = useChannels().data;
  const channel = channels?.find((c) => c.id === draft.channelId);
  const kindOf: KindOf = (id) => channels?.find((c) => c.id === id)?.kind;
  const pool = poolInput(draft, kindOf);
  const imports = useContactImports(draft.audienceType === "import");
  const outlets = useOutlets(draft.audienceType === "outlet");
  const estimate = useCampaignEstimate(
    draft.channelId
      ? {
          audience: audienceOf(draft),
          channelId: draft.channelId,
          ...(draft.when === "later" ? { at: draft.at } : {}),
          ...pool,
          ...(mode !== "text" && draft.waTemplate
            ? { waTemplate: { name: draft.waTemplate.name, language: draft.waTemplate.language } }
            : {}),
        }
      : null,
  );
  const audience =
    draft.audienceType === "all"
      ? t("composer.review.audienceAll")
      : draft.audienceType === "outlet"
        ? t("settings.outlets.reviewAudience", {
            name: outlets.data?.find((o) => o.id === draft.outletId)?.name ?? "—",
          })
        : draft.audienceType === "segment"
          ? t("composer.review.audienceSegment", {
              segment: t(`segments.name.${(draft.segment ?? "new") as RfmSegment}`),
            })
          : draft.audienceType === "import"
            ? t("composer.review.audienceImport", {
                file: imports.data?.find((i) => i.id === draft.importId)?.filename ?? "—",
              })
            : t("composer.review.audienceLabels", {
                match: t(draft.match === "all" ? "composer.matchAll" : "composer.matchAny"),
                labels: draft.labels.join(", "),
              });
  const templates = useTemplates();
  // A saved template's attachment goes with a free-text campaign (the server copies it).
  const media =
    mode === "template" ? null : (templates.data?.find((x) => x.id === draft.templateId)?.media ?? null);
  const waName = `${draft.waTemplate?.name ?? ""} (${draft.waTemplate?.language ?? ""})`;
  const message =
    mode === "template"
      ? waName
      : mode === "hybrid"
        ? `${draft.body}\n\n${t("pool.reviewTemplate", { template: waName })}`
        : draft.body;
  const e = estimate.data;
  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Fact label={t("composer.review.name")} value={draft.name} />
        <Fact label={t("composer.review.audience")} value={audience} />
        <Fact label={t("composer.review.channel")} value={channel ? channelLabel(channel) : "—"} />
        <Fact
          label={t("composer.review.when")}
          value={draft.when === "later" ? `${draft.at.replace("T", " ")} (${zone})` : t("composer.now")}
        />
      </SimpleGrid>
      <Fact label={t("composer.review.message")} value={message} pre />
      {media && (
        <div data-testid="review-media">
          <Text size="xs" c="dimmed">
            {t("messageMedia.attachment")}
          </Text>
          <MessageMedia media={media} src={mediaSrc(media)} />
          <CaptionMode media={media} hasText={draft.body.trim().length > 0} />
        </div>
      )}
      <Paper withBorder p="md" radius="md" bg="gray.0">
        {estimate.isPending && <Loader size="sm" />}
        {estimate.isError && (
          <Alert color="red" role="alert">
            {errorMessage(estimate.error)}
          </Alert>
        )}
        {e && (
          <Stack gap="xs">
            <Group gap="xl" align="flex-start">
              <div>
                <Text size="xs" c="dimmed">
                  {t("composer.review.recipients")}
                </Text>
                <Text size="xl" fw={700} data-testid="estimate-recipients">
                  {t("composer.review.recipientsValue", { n: f.number(e.recipients - e.optedOut) })}
                </Text>
                {e.optedOut > 0 && (
                  <Text size="xs" c="dimmed" data-testid="estimate-opted-out">
                    {t("composer.review.optedOut", { n: f.number(e.optedOut) })}
                  </Text>
                )}
                {e.recipients - e.optedOut > 0 && (
                  <Text size="sm" data-testid="estimate-warm" title={t("composer.review.warmHint")}>
                    {t("composer.review.warmSplit", { warm: f.number(e.warm), cold: f.number(e.newChats) })}
                  </Text>
                )}
              </div>
              <div>
                <Text size="xs" c="dimmed">
                  {t("composer.review.duration")}
                </Text>
                <Text size="xl" fw={700} data-testid="estimate-duration">
                  {formatDuration(t, e.estimatedSeconds)}
                </Text>
                <Text size="xs" c="dimmed" data-testid="estimate-finish">
                  {t("composer.review.finishAt", {
                    at: f.dateTime(Date.parse(e.startAt) + e.estimatedSeconds * 1000),
                  })}
                </Text>
              </div>
            </Group>
            {pool.pool && <SplitTable split={e.split} hybrid={pool.routing === "hybrid"} />}
            <MetaCostLine cost={e.metaCost} />
            <QuotaLine quota={e.quota} />
            <Text size="xs" c="dimmed">
              {t("composer.review.durationHint", { preset: presetLabel(t, e.pacingPreset) })}
            </Text>
            {e.recipients - e.optedOut === 0 && (
              <Alert color="yellow">{t("composer.review.noRecipients")}</Alert>
            )}
          </Stack>
        )}
      </Paper>
    </Stack>
  );
}

function Fact({ label, value, pre }: { label: string; value: string; pre?: boolean }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" style={pre ? { whiteSpace: "pre-wrap" } : undefined}>
        {value}
      </Text>
    </div>
  );
}
