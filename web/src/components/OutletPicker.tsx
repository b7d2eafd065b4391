import { Select } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useOutlets } from "../api/outlets";
import { useCan } from "../api/session";

interface Props {
  /** The chosen outlet's id; null: none chosen (the server's default applies). */
  value: string | null;
  onChange: (id: string | null) => void;
  /** The field error to show under it (`fieldError(err, "outletId")`). */
  error?: string | undefined;
  /**
   * A filter of figures or lists (reports, dashboard, orders): empty reads "All outlets"
   * (every outlet the user works in, combined) instead of "First outlet".
   */
  all?: boolean;
  /** What the empty picker reads, when neither "First outlet" nor "All outlets" says it. */
  placeholder?: string;
  /** The test id (default `outlet-picker`). */
  testId?: string;
}

/**
 * The outlet a number (or a contact, a user, an order) belongs to (issue 13), or with `all`
 * the outlet a report, the dashboard or a list is narrowed to. Shown only when the user
 * works in two outlets or more and may read them: a shop with one outlet sees nothing of
 * outlets. Left empty, the server puts a new thing in the first outlet the user works in
 * (with `all`: figures combine every outlet the user works in).
 */
export function OutletPicker({
  value,
  onChange,
  error,
  all = false,
  placeholder,
  testId = "outlet-picker",
}: Props) {
  const { t } = useTranslation();
  const can = useCan();
  const outlets = useOutlets(can("outlets.read"));
  const list = outlets.data ?? [];
  if (list.length < 2) return null;
  return (
    <Select
      label={t("settings.outlets.pick")}
      placeholder={placeholder ?? t(all ? "settings.outlets.all" : "settings.outlets.pickDefault")}
      clearable
      value={value}
      onChange={onChange}
      data={list.map((o) => ({ value: o.id, label: o.name }))}
      error={error}
      data-testid={testId}
    />
  );
}
