import { Group, SegmentedControl, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { DayRange, Granularity } from "../../api/reports";
import { PRESETS, type Preset } from "./range";

interface Props {
  preset: Preset;
  range: DayRange;
  granularity: Granularity;
  onPreset: (p: Preset) => void;
  onRange: (r: DayRange) => void;
  onGranularity: (g: Granularity) => void;
}

/** The range (presets of the shop's days, or two dates) and the grouping of the reports page. */
export function RangeBar({ preset, range, granularity, onPreset, onRange, onGranularity }: Props) {
  const { t } = useTranslation();
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <SegmentedControl
        aria-label={t("reports.range.label")}
        value={preset}
        onChange={(v) => onPreset(v as Preset)}
        data={PRESETS.map((p) => ({ value: p, label: t(`reports.range.${p}`) }))}
        data-testid="report-range"
      />
      {preset === "custom" && (
        <Group gap="xs" wrap="nowrap">
          <TextInput
            type="date"
            label={t("reports.range.from")}
            value={range.from}
            max={range.to}
            onChange={(e) => e.currentTarget.value && onRange({ ...range, from: e.currentTarget.value })}
            data-testid="report-from"
          />
          <TextInput
            type="date"
            label={t("reports.range.to")}
            value={range.to}
            min={range.from}
            onChange={(e) => e.currentTarget.value && onRange({ ...range, to: e.currentTarget.value })}
            data-testid="report-to"
          />
        </Group>
      )}
      <SegmentedControl
        aria-label={t("reports.granularity.label")}
        value={granularity}
        onChange={(v) => onGranularity(v as Granularity)}
        data={(["day", "week", "month"] as const).map((g) => ({
          value: g,
          label: t(`reports.granularity.${g}`),
        }))}
        data-testid="report-granularity"
      />
    </Group>
  );
}
