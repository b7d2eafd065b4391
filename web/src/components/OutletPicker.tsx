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
}

/**
 * The outlet a number (or a contact, a user) belongs to (issue 13). Shown only when the shop
 * has two outlets or more and the user may read them: a shop with one outlet sees nothing of
 * outlets. Left empty, the server puts it in the first outlet the user works in.
 */
export function OutletPicker({ value, onChange, error }: Props) {
  const { t } = useTranslation();
  const can = useCan();
  const outlets = useOutlets(can("outlets.read"));
  const list = outlets.data ?? [];
  if (list.length < 2) return null;
  return (
    <Select
      label={t("settings.outlets.pick")}
      placeholder={t("settings.outlets.pickDefault")}
      clearable
      value={value}
      onChange={onChange}
      data={list.map((o) => ({ value: o.id, label: o.name }))}
      error={error}
      data-testid="outlet-picker"
    />
  );
}
