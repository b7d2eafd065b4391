import { Group, Paper, Progress, SimpleGrid, Stack, Text, Tooltip, UnstyledButton } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { CampaignCounts, RecipientStatus } from "../../api/types";
import { RECIPIENT_COLORS } from "../../components/StatusBadge";
import { useFormat } from "../../lib/useFormat";
import { doneCount, donePercent } from "../../lib/progress";

/** States a recipient ends in, drawn on the bar in this order. */
const BAR_STATES = [
  "read",
  "delivered",
  "sent",
  "suspected_drop",
  "unknown",
  "failed",
  "skipped",
] as const satisfies readonly RecipientStatus[];
/** The counters under the bar (suspected drops only once there are some). */
const COUNTERS = ["sent", "delivered", "read", "failed", "skipped", "replied"] as const;
type CounterKey = (typeof COUNTERS)[number] | "suspected_drop";

interface Props {
  counts: CampaignCounts;
  /** Called with a counter's state (not for "replied") to filter the recipients. */
  onPick?: (status: RecipientStatus) => void;
}

/** The live progress bar and the count of recipients per state. */
export function CampaignProgress({ counts, onPick }: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  const percent = donePercent(counts);
  const drops = counts.suspected_drop;
  const counters: CounterKey[] =
    drops > 0 ? [...COUNTERS.slice(0, 4), "suspected_drop", ...COUNTERS.slice(4)] : [...COUNTERS];
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text fw={500}>{t("campaign.progress")}</Text>
        <Text fw={700} size="lg" data-testid="progress-percent">
          {percent}%
        </Text>
      </Group>
      <Progress.Root
        size="xl"
        role="progressbar"
        aria-label={t("campaign.progress")}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        data-testid="campaign-progress"
      >
        {BAR_STATES.filter((s) => counts[s] > 0).map((s) => (
          <Tooltip key={s} label={`${t(`recipientStatus.${s}`)}: ${f.number(counts[s])}`}>
            <Progress.Section
              value={(counts[s] / counts.total) * 100}
              color={RECIPIENT_COLORS[s]}
              withAria={false}
            />
          </Tooltip>
        ))}
      </Progress.Root>
      <Text size="sm" c="dimmed" data-testid="progress-text">
        {t("campaign.doneOf", {
          done: f.number(doneCount(counts)),
          total: f.number(counts.total),
          pending: f.number(counts.pending + counts.sending),
        })}
      </Text>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: counters.length }} spacing="sm">
        {counters.map((key) => (
          <Counter
            key={key}
            name={key}
            label={t(key === "replied" ? "campaign.replied" : `recipientStatus.${key}`)}
            value={f.number(counts[key])}
            onClick={key !== "replied" && onPick ? () => onPick(key) : undefined}
          />
        ))}
      </SimpleGrid>
      {drops > 0 && (
        <Text size="sm" c="pink.8" data-testid="suspected-drop-hint">
          {t("campaign.suspectedDropHint", { n: f.number(drops) })}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {t("campaign.countsHint")}
      </Text>
    </Stack>
  );
}

function Counter({
  name,
  label,
  value,
  onClick,
}: {
  name: string;
  label: string;
  value: string;
  onClick?: () => void;
}) {
  const color = name === "replied" ? "indigo" : RECIPIENT_COLORS[name as RecipientStatus];
  const body = (
    <Paper withBorder p="sm" radius="md" style={{ borderLeft: `4px solid var(--mantine-color-${color}-6)` }}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={`count-${name}`}>
        {value}
      </Text>
    </Paper>
  );
  return onClick ? (
    <UnstyledButton onClick={onClick} aria-label={label}>
      {body}
    </UnstyledButton>
  ) : (
    body
  );
}
