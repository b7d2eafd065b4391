import { useTranslation } from "react-i18next";
import { useTenant } from "../api/session";
import { formatDateTime, formatDayTime, formatNumber, formatTime } from "./time";

/** The shop's default zone until GET /tenant answers. */
const DEFAULT_ZONE = "Asia/Jakarta";

/** Formatters in the interface language and the shop's time zone. */
export function useFormat() {
  const { i18n } = useTranslation();
  const zone = useTenant().data?.timeZone ?? DEFAULT_ZONE;
  const lang = i18n.language;
  return {
    dateTime: (v: string | number | Date) => formatDateTime(v, zone, lang),
    time: (v: string | number | Date) => formatTime(v, zone, lang),
    dayTime: (v: string | number | Date) => formatDayTime(v, zone, lang),
    number: (n: number) => formatNumber(n, lang),
  };
}
