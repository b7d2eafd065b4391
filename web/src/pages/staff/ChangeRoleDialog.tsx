import { Alert, Button, Group, Modal, Stack } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage, fieldError } from "../../api/client";
import { OutletsPicker } from "../../components/OutletPicker";
import { useUpdateStaff } from "../../api/staff";
import type { Role, StaffUser } from "../../api/types";
import { RolePicker } from "./RolePicker";
import { roleChoice, roleValue } from "./roles";

/**
 * The dialog that gives `user` another role and (when the shop has two outlets or more) other
 * outlets to work in; both apply from their next request.
 */
export function ChangeRoleDialog({
  user,
  roles,
  onClose,
}: {
  user: StaffUser;
  roles: readonly Role[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const update = useUpdateStaff();
  const [role, setRole] = useState<string | null>(roleValue({ key: user.role, id: user.roleId }));
  const [outletIds, setOutletIds] = useState<string[]>(user.outletIds);
  const outletsChanged = [...outletIds].sort().join() !== [...user.outletIds].sort().join();
  const save = () => {
    if (!role) return;
    update.mutate(
      { id: user.id, ...roleChoice(role, roles), ...(outletsChanged ? { outletIds } : {}) },
      {
        onSuccess: () => {
          notifications.show({ color: "teal", message: t("staff.roleChanged", { name: user.name }) });
          onClose();
        },
      },
    );
  };
  return (
    <Modal opened onClose={onClose} title={t("staff.changeRoleTitle", { name: user.name })} centered>
      <Stack>
        {update.error && (
          <Alert color="red" role="alert" data-testid="change-role-error">
            {errorMessage(update.error)}
          </Alert>
        )}
        <RolePicker roles={roles} value={role} onChange={setRole} />
        <OutletsPicker
          value={outletIds}
          onChange={setOutletIds}
          error={fieldError(update.error, "outletIds")}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("staff.cancel")}
          </Button>
          <Button onClick={save} loading={update.isPending} data-testid="change-role-save">
            {t("staff.save")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
