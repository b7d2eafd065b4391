import { MultiSelect, SegmentedControl, Select, Stack, Text, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useContactImports } from "../../../api/campaigns";
import { useChannels } from "../../../api/session";
import { useOutletChoices } from "../../../components/OutletPicker";
import { errorMessage } from "../../../api/client";
import { useLabels } from "../../../api/contacts";
import { type RfmSegment, useSegments } from "../../../api/segments";
import { useFormat } from "../../../lib/useFormat";
import type { Draft } from "./draft";

export interface StepProps {
  draft: Draft;
  update: (patch: Partial<Draft>) => void;
  /** The problem with a field (the composer's own check, else the server's answer). */
  error: (...fields: string[]) => string | undefined;
}

/**
 * Step 1: the campaign's name and who receives it — everyone, contacts with labels (any /
 * all), an import's contacts, an RFM segment, or (when the shop has two outlets or more) an
 * outlet's customers, which also picks that outlet's first number to send from.
 */
export function AudienceStep({ draft, update, error }: StepProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const labels = useLabels();
  const imports = useContactImports(draft.audienceType === "import");
  const segments = useSegments();
  const outlets = useOutletChoices();
  const channels = useChannels();
  const pickOutlet = (outletId: string | null) => {
    const number = channels.data?.find((c) => c.outletId === outletId);
    update({ outletId, ...(number ? { channelId: number.id } : {}) });
  };
  return (
    <Stack>
      <TextInput
        label={t("newCampaign.name")}
        placeholder={t("newCampaign.namePlaceholder")}
        required
        value={draft.name}
        onChange={(e) => update({ name: e.currentTarget.value })}
        error={error("name")}
        data-testid="campaign-name-input"
      />
      <div>
        <Text size="sm" fw={500} mb={4}>
          {t("newCampaign.audience")}
        </Text>
        <SegmentedControl
          value={draft.audienceType}
          onChange={(v) => update({ audienceType: v as Draft["audienceType"] })}
          data={[
            { value: "labels", label: t("newCampaign.byLabel") },
            { value: "all", label: t("newCampaign.allContacts") },
            { value: "import", label: t("composer.audienceImport") },
            { value: "segment", label: t("composer.audienceSegment") },
            ...(outlets ? [{ value: "outlet", label: t("settings.outlets.audience") }] : []),
          ]}
          data-testid="audience-type"
        />
      </div>
      {draft.audienceType === "labels" && (
        <>
          <MultiSelect
            label={t("newCampaign.labels")}
            placeholder={t("newCampaign.labelsPlaceholder")}
            searchable
            value={draft.labels}
            onChange={(labels) => update({ labels })}
            data={(labels.data ?? []).map((l) => ({
              value: l.label,
              label: `${l.label} (${f.number(l.count)})`,
            }))}
            nothingFoundMessage={t("newCampaign.noLabels")}
            error={error("audience") ?? (labels.isError ? errorMessage(labels.error) : undefined)}
            data-testid="labels-input"
          />
          {draft.labels.length > 1 && (
            <div>
              <Text size="sm" fw={500} mb={4}>
                {t("composer.match")}
              </Text>
              <SegmentedControl
                size="xs"
                value={draft.match}
                onChange={(v) => update({ match: v as Draft["match"] })}
                data={[
                  { value: "any", label: t("composer.matchAny") },
                  { value: "all", label: t("composer.matchAll") },
                ]}
              />
            </div>
          )}
        </>
      )}
      {draft.audienceType === "import" && (
        <Select
          label={t("composer.import")}
          placeholder={t("composer.importPlaceholder")}
          value={draft.importId}
          onChange={(importId) => update({ importId })}
          data={(imports.data ?? [])
            .filter((i) => i.status === "completed")
            .map((i) => ({
              value: i.id,
              label: t("composer.importOption", {
                file: i.filename ?? "—",
                date: f.dateTime(i.createdAt),
                n: f.number(i.created + i.merged),
              }),
            }))}
          nothingFoundMessage={t("composer.noImports")}
          error={error("audience") ?? (imports.isError ? errorMessage(imports.error) : undefined)}
          data-testid="import-input"
        />
      )}
      {draft.audienceType === "segment" && (
        <Select
          label={t("composer.segment")}
          placeholder={t("composer.segmentPlaceholder")}
          value={draft.segment}
          onChange={(segment) => update({ segment })}
          data={(segments.data?.segments ?? []).map((s) => ({
            value: s.segment,
            label: `${t(`segments.name.${s.segment}`)} (${f.number(s.customers)})`,
          }))}
          description={
            draft.segment
              ? t(`segments.about.${draft.segment as RfmSegment}`, segments.data?.thresholds)
              : undefined
          }
          error={error("audience") ?? (segments.isError ? errorMessage(segments.error) : undefined)}
          data-testid="segment-input"
        />
      )}
      {draft.audienceType === "outlet" && outlets && (
        <Select
          label={t("settings.outlets.audienceOutlet")}
          placeholder={t("settings.outlets.needOutlet")}
          value={draft.outletId}
          onChange={pickOutlet}
          data={outlets.map((o) => ({ value: o.id, label: o.name }))}
          error={error("audience")}
          data-testid="audience-outlet-input"
        />
      )}
      {draft.audienceType === "all" && error("audience") && (
        <Text c="red" size="sm">
          {error("audience")}
        </Text>
      )}
    </Stack>
  );
}
