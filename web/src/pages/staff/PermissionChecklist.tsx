import { Checkbox, Fieldset, SimpleGrid, Stack } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { type Permission, useCan } from "../../api/session";
import { groupPermissions, moduleLabel, permissionLabel } from "./roles";

interface Props {
  /** Every permission key, in the registry's order. */
  all: readonly Permission[];
  value: readonly Permission[];
  onChange: (value: Permission[]) => void;
}

/**
 * A role's permissions as checkboxes, one box per module (the key's prefix). A permission
 * the signed-in user does not hold cannot be granted or taken away here: its box is
 * disabled with a hint (the API refuses granting it, src/modules/roles/service.ts).
 */
export function PermissionChecklist({ all, value, onChange }: Props) {
  const { t } = useTranslation();
  const can = useCan();
  const toggle = (key: Permission, on: boolean) =>
    onChange(all.filter((k) => (k === key ? on : value.includes(k))));
  return (
    <Stack gap="sm" data-testid="permission-checklist">
      {groupPermissions(all).map((group) => (
        <Fieldset
          key={group.module}
          legend={moduleLabel(t, group.module)}
          variant="filled"
          data-testid={`permission-group-${group.module}`}
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
            {group.keys.map((key) => {
              const held = can(key);
              return (
                <Checkbox
                  key={key}
                  label={permissionLabel(t, key)}
                  description={held ? undefined : t("staff.roles.notHeld")}
                  checked={value.includes(key)}
                  disabled={!held}
                  onChange={(e) => toggle(key, e.currentTarget.checked)}
                  data-testid={`permission-${key}`}
                />
              );
            })}
          </SimpleGrid>
        </Fieldset>
      ))}
    </Stack>
  );
}
