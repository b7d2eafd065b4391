import { ActionIcon, Button, Group, Pill, Stack, Switch, Text, TextInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { WEEKDAYS, type Weekday } from "../../api/automation";
import type { DayDraft, HoursDraft } from "./ruleDraft";

/** The most intervals a day may have (rules.ts). */
const MAX_INTERVALS = 6;
/** Monday first, as Indonesian shops read their week. */
const WEEK_ORDER: Weekday[] = [...WEEKDAYS.slice(1), WEEKDAYS[0]];

interface Props {
  value: HoursDraft;
  onChange: (next: HoursDraft) => void;
  /** The server's problem with a config field (`config.schedule.mon…`, `config.holidays…`). */
  error: (field: string) => string | undefined;
}

/** Opening hours per weekday (intervals, or closed) and holiday dates, all in the shop's time zone. */
export function WorkingHoursEditor({ value, onChange, error }: Props) {
  const { t } = useTranslation();
  const [holiday, setHoliday] = useState("");
  const setDay = (d: Weekday, day: DayDraft) => onChange({ ...value, days: { ...value.days, [d]: day } });
  const addHoliday = () => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(holiday)) return;
    onChange({ ...value, holidays: [...new Set([...value.holidays, holiday])].sort() });
    setHoliday("");
  };
  return (
    <Stack gap="sm" data-testid="hours-editor">
      <Text size="sm" fw={500}>
        {t("automation.hours.title")}
      </Text>
      <Text size="xs" c="dimmed">
        {t("automation.hours.hint")}
      </Text>
      {WEEK_ORDER.map((d) => {
        const day = value.days[d];
        const dayError = error(`config.schedule.${d}`);
        return (
          <Stack key={d} gap={4} data-testid={`day-${d}`}>
            <Group gap="sm" align="center" wrap="wrap">
              <Switch
                w={130}
                checked={day.open}
                onChange={(e) => setDay(d, { ...day, open: e.currentTarget.checked })}
                label={t(`automation.weekday.${d}`)}
                aria-label={t("automation.hours.openOn", { day: t(`automation.weekday.${d}`) })}
                data-testid={`day-${d}-open`}
              />
              {!day.open && (
                <Text size="sm" c="dimmed">
                  {t("automation.hours.closed")}
                </Text>
              )}
              {day.open && (
                <Stack gap={4}>
                  {day.intervals.map((iv, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: a day's intervals are edited in place and identified by their position
                    <Group key={i} gap={6} wrap="nowrap">
                      <TextInput
                        type="time"
                        size="xs"
                        w={110}
                        value={iv.start}
                        aria-label={t("automation.hours.start", { day: t(`automation.weekday.${d}`) })}
                        onChange={(e) =>
                          setDay(d, {
                            ...day,
                            intervals: day.intervals.map((x, j) =>
                              j === i ? { ...x, start: e.currentTarget.value } : x,
                            ),
                          })
                        }
                        data-testid={`day-${d}-start-${i}`}
                      />
                      <Text size="sm">–</Text>
                      <TextInput
                        type="time"
                        size="xs"
                        w={110}
                        value={iv.end}
                        aria-label={t("automation.hours.end", { day: t(`automation.weekday.${d}`) })}
                        onChange={(e) =>
                          setDay(d, {
                            ...day,
                            intervals: day.intervals.map((x, j) =>
                              j === i ? { ...x, end: e.currentTarget.value } : x,
                            ),
                          })
                        }
                        data-testid={`day-${d}-end-${i}`}
                      />
                      {day.intervals.length > 1 && (
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          aria-label={t("automation.hours.removeInterval")}
                          onClick={() =>
                            setDay(d, { ...day, intervals: day.intervals.filter((_, j) => j !== i) })
                          }
                        >
                          ×
                        </ActionIcon>
                      )}
                    </Group>
                  ))}
                  {day.intervals.length < MAX_INTERVALS && (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      w="fit-content"
                      onClick={() =>
                        setDay(d, { ...day, intervals: [...day.intervals, { start: "13:00", end: "17:00" }] })
                      }
                      data-testid={`day-${d}-add`}
                    >
                      {t("automation.hours.addInterval")}
                    </Button>
                  )}
                </Stack>
              )}
            </Group>
            {dayError && (
              <Text size="xs" c="red" role="alert">
                {dayError}
              </Text>
            )}
          </Stack>
        );
      })}
      <Stack gap={6}>
        <Group gap="xs" align="flex-end">
          <TextInput
            type="date"
            size="xs"
            label={t("automation.hours.holidays")}
            value={holiday}
            onChange={(e) => setHoliday(e.currentTarget.value)}
            data-testid="holiday-input"
          />
          <Button
            size="xs"
            variant="light"
            onClick={addHoliday}
            disabled={!holiday}
            data-testid="holiday-add"
          >
            {t("automation.hours.addHoliday")}
          </Button>
        </Group>
        <Group gap={6} data-testid="holidays">
          {value.holidays.length === 0 && (
            <Text size="xs" c="dimmed">
              {t("automation.hours.noHolidays")}
            </Text>
          )}
          {value.holidays.map((h) => (
            <Pill
              key={h}
              withRemoveButton
              onRemove={() => onChange({ ...value, holidays: value.holidays.filter((x) => x !== h) })}
              removeButtonProps={{ "aria-label": t("automation.hours.removeHoliday", { date: h }) }}
            >
              {h}
            </Pill>
          ))}
        </Group>
        {error("config.holidays") && (
          <Text size="xs" c="red" role="alert">
            {error("config.holidays")}
          </Text>
        )}
      </Stack>
    </Stack>
  );
}
