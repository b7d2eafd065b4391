import { DatesProvider, DateTimePicker, type DateTimePickerProps } from "@mantine/dates";
import "dayjs/locale/id";
import { useTranslation } from "react-i18next";

/** A wall-clock date-time of the shop's zone, "YYYY-MM-DDTHH:mm" (the form `<input type="datetime-local">` used). */
const LOCAL = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/;

/** "YYYY-MM-DDTHH:mm" as the picker's value "YYYY-MM-DD HH:mm:ss"; null when empty or malformed. */
function toPickerValue(local: string): string | null {
  const m = LOCAL.exec(local);
  return m ? `${m[1]} ${m[2]}:00` : null;
}

/** The picker's "YYYY-MM-DD HH:mm[:ss]" as "YYYY-MM-DDTHH:mm"; "" when cleared. */
function fromPickerValue(value: string | null): string {
  const m = value ? /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})/.exec(value) : null;
  return m ? `${m[1]}T${m[2]}` : "";
}

type Props = Omit<DateTimePickerProps, "value" | "onChange" | "defaultValue"> & {
  /** "YYYY-MM-DDTHH:mm" in the shop's zone, or "" for none. */
  value: string;
  onChange: (local: string) => void;
};

/**
 * A date and time of the shop's day, day first and 24-hour ("24/12/2026 19:30") whatever the
 * browser's locale, with the calendar in the interface language (Monday first). The value
 * stays a zone-less wall-clock string: the caller turns it into an instant in the shop's zone
 * (automation/zonedTime.ts, or the server for a campaign's schedule).
 */
export function ShopDateTimeInput({ value, onChange, ...rest }: Props) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language.startsWith("en") ? "en" : "id";
  return (
    <DatesProvider settings={{ locale, firstDayOfWeek: 1 }}>
      <DateTimePicker
        valueFormat="DD/MM/YYYY HH:mm"
        value={toPickerValue(value)}
        onChange={(v) => onChange(fromPickerValue(v))}
        timePickerProps={{
          format: "24h",
          hoursInputLabel: t("dateTime.hours"),
          minutesInputLabel: t("dateTime.minutes"),
        }}
        submitButtonProps={{ "aria-label": t("dateTime.done") }}
        {...rest}
      />
    </DatesProvider>
  );
}
