import { Alert, Badge, Checkbox, Group, NumberInput, Stack, Switch, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useChannelsHealth } from "../../../api/channels";
import { useChannels } from "../../../api/session";
import type { Channel } from "../../../api/types";
import { formatPhone } from "../../../lib/phone";
import { HealthScoreBadge, ReachLine } from "../../channels/HealthScore";
import type { StepProps } from "./AudienceStep";
import { type KindOf, mixesRails, type PoolPick, templateChannelOf, WEIGHT_MAX, WEIGHT_MIN } from "./pool";

/** A number as people read it: its name and, when known, its phone number grouped. */
export const channelLabel = (c: Pick<Channel, "name" | "phone">): string =>
  c.phone ? `${c.name} (${formatPhone(c.phone)})` : c.name;

/**
 * "Kirim dari beberapa nomor" (issue 15, part 3): the shop's other numbers to send the
 * campaign with the main one, each with its weight (its share of the recipients) and its
 * health; with a Cloud API number and a WhatsApp Web / sandbox number picked, the choice of
 * hybrid routing (part 4), without which the server refuses the mix (`pool_mixed_rails`).
 */
export function PoolPicker({ draft, update, error }: StepProps) {
  const { t } = useTranslation();
  const channels = useChannels().data ?? [];
  const health = useChannelsHealth().data ?? [];
  const kindOf: KindOf = (id) => channels.find((c) => c.id === id)?.kind;
  const weightOf = (id: string) => draft.pool.find((p) => p.channelId === id)?.weight ?? 1;
  const picked = (id: string) => id === draft.channelId || draft.pool.some((p) => p.channelId === id);
  /** A new pool; the chosen WhatsApp template goes when the number it comes from changes. */
  const setPool = (pool: PoolPick[]) => {
    const same = templateChannelOf(draft, kindOf) === templateChannelOf({ ...draft, pool }, kindOf);
    update(same ? { pool } : { pool, waTemplate: null, waParams: {} });
  };
  const toggle = (id: string, on: boolean) =>
    setPool(
      on ? [...draft.pool, { channelId: id, weight: 1 }] : draft.pool.filter((p) => p.channelId !== id),
    );
  const setWeight = (id: string, weight: number) =>
    setPool(
      draft.pool.some((p) => p.channelId === id)
        ? draft.pool.map((p) => (p.channelId === id ? { ...p, weight } : p))
        : [...draft.pool, { channelId: id, weight }],
    );
  const mixed = mixesRails(draft, kindOf);
  const poolError = error("pool");
  return (
    <Stack gap="sm">
      <Switch
        label={t("pool.multi")}
        description={t("pool.multiHint")}
        checked={draft.multi}
        onChange={(e) => update({ multi: e.currentTarget.checked })}
        data-testid="pool-multi"
      />
      {draft.multi && (
        <Table.ScrollContainer minWidth={520}>
          <Table data-testid="pool-table" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("pool.number")}</Table.Th>
                <Table.Th>{t("pool.health")}</Table.Th>
                <Table.Th w={120}>{t("pool.weight")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {channels.map((c) => {
                const main = c.id === draft.channelId;
                const h = health.find((x) => x.channelId === c.id);
                return (
                  <Table.Tr key={c.id} data-testid={`pool-row-${c.id}`}>
                    <Table.Td>
                      <Checkbox
                        label={channelLabel(c)}
                        description={main ? t("pool.main") : t(`channels.kind.${c.kind}`)}
                        checked={picked(c.id)}
                        disabled={main}
                        onChange={(e) => toggle(c.id, e.currentTarget.checked)}
                        data-testid={`pool-pick-${c.id}`}
                      />
                    </Table.Td>
                    <Table.Td>
                      {h && (
                        <Stack gap={2}>
                          <Group gap="xs">
                            <HealthScoreBadge
                              score={h.score}
                              level={h.level}
                              testId={`pool-health-${c.id}`}
                            />
                            {c.status !== "connected" && (
                              <Badge variant="dot" color="red">
                                {t(`channelStatus.${c.status}`)}
                              </Badge>
                            )}
                          </Group>
                          <ReachLine reach={h.reach} testId={`pool-reach-${c.id}`} />
                        </Stack>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <NumberInput
                        aria-label={t("pool.weightOf", { name: c.name })}
                        min={WEIGHT_MIN}
                        max={WEIGHT_MAX}
                        allowDecimal={false}
                        allowNegative={false}
                        disabled={!picked(c.id)}
                        value={weightOf(c.id)}
                        onChange={(v) => setWeight(c.id, typeof v === "number" ? v : 0)}
                        error={error(`pool.weight.${c.id}`)}
                        data-testid={`pool-weight-${c.id}`}
                      />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {draft.multi && (
        <Text size="xs" c="dimmed">
          {t("pool.weightHint")}
        </Text>
      )}
      {draft.multi && mixed && (
        <Checkbox
          label={t("pool.hybrid")}
          description={t("pool.hybridHint")}
          checked={draft.routing === "hybrid"}
          onChange={(e) =>
            update({ routing: e.currentTarget.checked ? "hybrid" : "weighted", pool: draft.pool })
          }
          data-testid="pool-hybrid"
        />
      )}
      {poolError ? (
        <Alert color="red" role="alert" data-testid="pool-error">
          {poolError}
        </Alert>
      ) : (
        draft.multi &&
        mixed &&
        draft.routing !== "hybrid" && (
          <Alert color="yellow" data-testid="pool-mixed-warning">
            {t("pool.needHybrid")}
          </Alert>
        )
      )}
    </Stack>
  );
}
