import { Badge, List, Text } from "@mantine/core";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { ChannelHealth } from "../../api/types";
import { useFormat } from "../../lib/useFormat";

type Score = ChannelHealth["health"];
type Part = Score["parts"][number];
type Reach = ChannelHealth["reach"];

const COLORS: Record<Score["level"], string> = { healthy: "teal", watch: "yellow", at_risk: "red" };

/** A number's health score: colour, the number and one word (Sehat / Waspada / Berisiko). */
export function HealthScoreBadge({
  score,
  level,
  testId = "health-score",
}: Pick<Score, "score" | "level"> & { testId?: string }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={COLORS[level]}
      variant="light"
      miw="max-content"
      data-testid={testId}
      data-level={level}
      aria-label={t("health.title")}
    >
      {t("health.badge", { score, level: t(`health.level.${level}`) })}
    </Badge>
  );
}

/** The parts that lowered a score, each in plain words with what it cost. */
export function HealthParts({ parts }: { parts: Part[] }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  if (parts.length === 0)
    return (
      <Text size="sm" c="dimmed" data-testid="health-parts">
        {t("health.noLoss")}
      </Text>
    );
  const percent = new Intl.NumberFormat(i18n.language, { style: "percent", maximumFractionDigits: 1 });
  return (
    <List size="sm" spacing={2} data-testid="health-parts">
      {parts.map((p) => (
        <List.Item key={p.reason} data-reason={p.reason}>
          {partText(t, p, (v) => percent.format(v), f.dateTime)}
        </List.Item>
      ))}
    </List>
  );
}

/** One part as a sentence: why, until when, and what it cost ("…: −12 poin"). */
function partText(t: TFunction, p: Part, pct: (v: number) => string, time: (v: string) => string): string {
  const why = t(`health.reason.${p.reason}`, { rate: pct(p.rate ?? 0), days: p.days ?? 0 });
  const until = p.until ? ` ${t("health.until", { time: time(p.until) })}` : "";
  const cost = t(p.kind === "deduction" ? "health.deduction" : "health.ceiling", { points: p.points });
  return `${why}${until}: ${cost}`;
}

/** "This number can reach about N new customers today", or why it cannot. */
function reachText(
  t: TFunction,
  reach: Reach,
  time: (v: string) => string,
  number: (n: number) => string,
): string {
  if (reach.limitedBy === "cloud_api") return t("health.reach.cloud_api");
  if (reach.newChats === null) return t("health.reach.none");
  if (reach.newChats > 0) return t("health.reach.count", { n: number(reach.newChats) });
  return reach.until ? t("health.reach.zeroUntil", { time: time(reach.until) }) : t("health.reach.zero");
}

/** {@link reachText} as a line of text. */
export function ReachLine({ reach, testId = "health-reach" }: { reach: Reach; testId?: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Text size="sm" data-testid={testId} data-limited-by={reach.limitedBy}>
      {reachText(t, reach, f.dateTime, f.number)}
    </Text>
  );
}
