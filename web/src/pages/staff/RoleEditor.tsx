import { Alert, Button, Group, Modal, Select, Stack, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage, fieldError } from "../../api/client";
import { type Permission, useCan } from "../../api/session";
import { useCreateRole, useUpdateRole } from "../../api/staff";
import type { Role } from "../../api/types";
import { PermissionChecklist } from "./PermissionChecklist";
import { allPermissions, permissionsOf, roleLabel } from "./roles";

interface Props {
  /** The custom role to edit, or null to create one. */
  role: Role | null;
  /** Every role (GET /roles): the built-in ones to start from, and the whole permission list. */
  roles: readonly Role[];
  onClose: () => void;
}

/**
 * Creates a custom role (empty, or starting from a built-in role's permissions) or edits
 * one: its name and its permissions, grouped by module.
 */
export function RoleEditor({ role, roles, onClose }: Props) {
  const { t } = useTranslation();
  const can = useCan();
  const create = useCreateRole();
  const update = useUpdateRole();
  const [name, setName] = useState(role?.name ?? "");
  const [permissions, setPermissions] = useState<Permission[]>(role ? permissionsOf(role) : []);
  const [from, setFrom] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const all = allPermissions(roles);
  const builtIn = roles.filter((r) => r.builtIn);
  const err = create.error ?? update.error;
  const nameError = tried && !name.trim() ? t("staff.roles.nameRequired") : fieldError(err, "name");
  const startFrom = (key: string | null) => {
    setFrom(key);
    const base = builtIn.find((r) => r.key === key);
    setPermissions(base ? permissionsOf(base).filter(can) : []);
  };
  const done = (saved: Role) => {
    notifications.show({ color: "teal", message: t("staff.roles.saved", { name: saved.name }) });
    onClose();
  };
  const save = () => {
    setTried(true);
    if (!name.trim()) return;
    if (role?.id) {
      update.mutate({ id: role.id, name: name.trim(), permissions }, { onSuccess: done });
      return;
    }
    // The API adds the built-in role's permissions to `permissions`: name it only when all are kept.
    const base = builtIn.find((r) => r.key === from);
    const cloned = base && permissionsOf(base).every((p) => permissions.includes(p)) ? base.key : undefined;
    create.mutate(
      {
        name: name.trim(),
        permissions,
        ...(cloned && cloned !== "custom" ? { clonedFrom: cloned } : {}),
      },
      { onSuccess: done },
    );
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={role ? t("staff.roles.editTitle", { name: role.name }) : t("staff.roles.create")}
      size="xl"
      centered
    >
      <Stack>
        {err && !nameError && (
          <Alert color="red" role="alert" data-testid="role-error">
            {errorMessage(err)}
          </Alert>
        )}
        <TextInput
          label={t("staff.roles.name")}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={nameError}
          data-testid="role-name"
        />
        {!role && (
          <Select
            label={t("staff.roles.cloneFrom")}
            placeholder={t("staff.roles.scratch")}
            clearable
            data={builtIn.map((r) => ({ value: r.key, label: roleLabel(t, r) }))}
            value={from}
            onChange={startFrom}
            comboboxProps={{ withinPortal: true }}
            data-testid="role-clone-from"
          />
        )}
        <PermissionChecklist all={all} value={permissions} onChange={setPermissions} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("staff.cancel")}
          </Button>
          <Button onClick={save} loading={create.isPending || update.isPending} data-testid="role-save">
            {t("staff.save")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
