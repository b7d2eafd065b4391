import { Alert, Button, Group, Modal, Stack } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import { useUpdateStaff } from "../../api/staff";
import type { Role, StaffUser } from "../../api/types";
import { RolePicker } from "./RolePicker";
import { roleChoice, roleValue } from "./roles";

/** The dialog that gives `user` another role (it applies from their next request). */
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
  const save = () => {
    if (!role) return;
    update.mutate(
      { id: user.id, ...roleChoice(role, roles) },
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
