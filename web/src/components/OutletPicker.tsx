import { MultiSelect, Select } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { type Outlet, useOutlets } from "../api/outlets";
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
  /** The label (default "Outlet"). */
  label?: string;
  /** What the empty picker reads, when neither "First outlet" nor "All outlets" says it. */
  placeholder?: string;
  /** Whether the choice can be cleared (default true). */
  clearable?: boolean;
  /** The test id (default `outlet-picker`). */
  testId?: string;
}

/**
 * The outlets the user may pick from (the ones they work in), or null when the picker
 * must not show: the shop has fewer than two outlets, or the user may not read them.
 */
export function useOutletChoices(): Outlet[] | null {
  const can = useCan();
  const outlets = useOutlets(can("outlets.read"));
  const list = outlets.data ?? [];
  return list.length < 2 ? null : list;
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
  label,
  placeholder,
  clearable = true,
  testId = "outlet-picker",
}: Props) {
  const { t } = useTranslation();
  const list = useOutletChoices();
  if (!list) return null;
  return (
    <Select
      label={label ?? t("settings.outlets.pick")}
      placeholder={placeholder ?? t(all ? "settings.outlets.all" : "settings.outlets.pickDefault")}
      clearable={clearable}
      value={value}
      onChange={onChange}
      data={list.map((o) => ({ value: o.id, label: o.name }))}
      error={error}
      data-testid={testId}
    />
  );
}

/**
 * The outlets a staff member works in (issue 13): several, or none chosen = every outlet
 * ("Semua outlet"). Shown only when the shop has two outlets or more (see {@link OutletPicker}).
 */
export function OutletsPicker({
  value,
  onChange,
  error,
}: {
  value: string[];
  onChange: (ids: string[]) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const list = useOutletChoices();
  if (!list) return null;
  return (
    <MultiSelect
      label={t("settings.outlets.pickMany")}
      description={t("settings.outlets.pickManyHint")}
      placeholder={value.length === 0 ? t("settings.outlets.all") : undefined}
      clearable
      value={value}
      onChange={onChange}
      data={list.map((o) => ({ value: o.id, label: o.name }))}
      error={error}
      data-testid="outlets-picker"
    />
  );
}
