import { SegmentedControl } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { LANGUAGES } from "../i18n";

/** ID | EN: switches every string, date and number format at once. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t("common.language")}
      value={i18n.resolvedLanguage ?? "id"}
      onChange={(lng) => void i18n.changeLanguage(lng)}
      data={LANGUAGES.map((lng) => ({ value: lng, label: lng.toUpperCase() }))}
      data-testid="language-switch"
    />
  );
}
