import { Button, Group, NumberInput, Paper, SimpleGrid, Stack, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, errorMessage } from "../../api/client";
import { type RfmThresholds, useSaveThresholds } from "../../api/segments";

/** The thresholds in the order the segment rules use them, with their bounds (the server's). */
const FIELDS: ReadonlyArray<{ key: keyof RfmThresholds; min: number; max: number }> = [
  { key: "newDays", min: 1, max: 365 },
  { key: "inactiveDays", min: 30, max: 3650 },
  { key: "championScore", min: 1, max: 5 },
  { key: "atRiskRecency", min: 1, max: 5 },
  { key: "atRiskValue", min: 1, max: 5 },
  { key: "bigSpenderScore", min: 1, max: 5 },
  { key: "loyalScore", min: 1, max: 5 },
  { key: "promisingRecency", min: 1, max: 5 },
];

/** The owner's thresholds form: saving recomputes the segments at once. */
export function ThresholdsForm({ thresholds }: { thresholds: RfmThresholds }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Record<string, number | "">>({ ...thresholds });
  const save = useSaveThresholds();
  const fields = save.error instanceof ApiError ? (save.error.fields ?? {}) : {};
  const changed = FIELDS.filter((x) => values[x.key] !== "" && values[x.key] !== thresholds[x.key]);
  return (
    <Paper withBorder p="md" data-testid="thresholds">
      <Stack>
        <Title order={4}>{t("segments.thresholds.title")}</Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {FIELDS.map((x) => (
            <NumberInput
              key={x.key}
              label={t(`segments.thresholds.${x.key}`)}
              min={x.min}
              max={x.max}
              allowDecimal={false}
              value={values[x.key]}
              onChange={(v) => setValues((s) => ({ ...s, [x.key]: typeof v === "number" ? v : "" }))}
              error={fields[x.key] ? String(fields[x.key]) : undefined}
              data-testid={`threshold-${x.key}`}
            />
          ))}
        </SimpleGrid>
        <Group justify="flex-end">
          <Button
            disabled={changed.length === 0}
            loading={save.isPending}
            onClick={() =>
              save.mutate(Object.fromEntries(changed.map((x) => [x.key, values[x.key]])), {
                onSuccess: () =>
                  notifications.show({ color: "teal", message: t("segments.thresholds.saved") }),
                onError: (e) => notifications.show({ color: "red", message: errorMessage(e) }),
              })
            }
            data-testid="thresholds-save"
          >
            {t("segments.thresholds.save")}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
