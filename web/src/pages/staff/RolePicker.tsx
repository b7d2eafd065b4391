import { Select } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useMe } from "../../api/session";
import type { Role } from "../../api/types";
import { mayGive, roleLabel, roleValue } from "./roles";

interface Props {
  roles: readonly Role[];
  /** The picked role as {@link roleValue} writes it, or null. */
  value: string | null;
  onChange: (value: string | null) => void;
  error?: string | undefined;
}

/**
 * Picks a role to give someone: the built-in roles, then the shop's own; a role that would
 * grant what the signed-in user may not give (see {@link mayGive}) is shown disabled.
 */
export function RolePicker({ roles, value, onChange, error }: Props) {
  const { t } = useTranslation();
  const me = useMe().data;
  const option = (role: Role) => ({
    value: roleValue(role),
    label: roleLabel(t, role),
    disabled: !me || !mayGive(me, role),
  });
  const custom = roles.filter((r) => !r.builtIn);
  return (
    <Select
      label={t("staff.role")}
      required
      allowDeselect={false}
      comboboxProps={{ withinPortal: true }}
      data={[
        { group: t("staff.builtInRoles"), items: roles.filter((r) => r.builtIn).map(option) },
        ...(custom.length > 0 ? [{ group: t("staff.customRoles"), items: custom.map(option) }] : []),
      ]}
      value={value}
      onChange={onChange}
      error={error}
      data-testid="staff-role"
    />
  );
}
