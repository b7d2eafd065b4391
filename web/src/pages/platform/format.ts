import { useTranslation } from "react-i18next";
import { formatDateTime, formatNumber } from "../../lib/time";

/** The platform's zone: every time in the console is shown in it (the footer says so). */
export const PLATFORM_ZONE = "Asia/Jakarta";

/** Formatters of the console: times in {@link PLATFORM_ZONE}, numbers in the interface language. */
export function usePlatformFormat() {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  return {
    dateTime: (v: string) => formatDateTime(v, PLATFORM_ZONE, lang),
    number: (n: number) => formatNumber(n, lang),
  };
}
