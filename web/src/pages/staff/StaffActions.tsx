import { Button, Group } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import { useUpdateStaff } from "../../api/staff";
import type { Role, StaffUser } from "../../api/types";
import { ConfirmButton } from "../../components/ConfirmButton";
import { ChangeRoleDialog } from "./ChangeRoleDialog";
import type { ShownPassword } from "./TemporaryPasswordDialog";

interface Props {
  user: StaffUser;
  /** The roles to pick from; null hides "change role" (the signed-in user cannot read roles). */
  roles: readonly Role[] | null;
  /** Whether this row is the signed-in user: nobody deactivates or resets themselves here. */
  self: boolean;
  onPassword: (shown: ShownPassword) => void;
}

/**
 * A staff row's buttons, for someone who may change this user (`users.update`, and an owner
 * for an owner's row): change role, reset password (asks first, then shows the temporary
 * password once), deactivate (asks first) or reactivate.
 */
export function StaffActions({ user, roles, self, onPassword }: Props) {
  const { t } = useTranslation();
  const update = useUpdateStaff();
  const [changing, setChanging] = useState(false);
  const fail = (e: unknown) => notifications.show({ color: "red", message: errorMessage(e) });
  const active = user.deactivatedAt === null;
  const setActive = (next: boolean) =>
    update.mutate(
      { id: user.id, active: next },
      {
        onSuccess: () =>
          notifications.show({
            color: "teal",
            message: t(next ? "staff.reactivated" : "staff.deactivatedDone", { name: user.name }),
          }),
        onError: fail,
      },
    );
  const resetPassword = () =>
    update.mutate(
      { id: user.id, resetPassword: {} },
      {
        onSuccess: (u) => u.temporaryPassword && onPassword({ name: u.name, password: u.temporaryPassword }),
        onError: fail,
      },
    );
  return (
    <Group gap="xs" justify="flex-end" wrap="nowrap">
      {roles && active && (
        <Button size="xs" variant="light" onClick={() => setChanging(true)} data-testid="staff-change-role">
          {t("staff.changeRole")}
        </Button>
      )}
      {!self && active && (
        <ConfirmButton
          size="xs"
          variant="light"
          color="orange"
          title={t("staff.resetTitle", { name: user.name })}
          message={t("staff.resetMessage", { name: user.name })}
          confirmLabel={t("staff.reset")}
          loading={update.isPending && update.variables?.resetPassword !== undefined}
          onConfirm={resetPassword}
          data-testid="staff-reset-password"
        >
          {t("staff.resetPassword")}
        </ConfirmButton>
      )}
      {!self && active && (
        <ConfirmButton
          size="xs"
          variant="light"
          color="red"
          title={t("staff.deactivateTitle", { name: user.name })}
          message={t("staff.deactivateMessage", { name: user.name })}
          confirmLabel={t("staff.deactivate")}
          loading={update.isPending && update.variables?.active === false}
          onConfirm={() => setActive(false)}
          data-testid="staff-deactivate"
        >
          {t("staff.deactivate")}
        </ConfirmButton>
      )}
      {!active && (
        <Button
          size="xs"
          variant="light"
          loading={update.isPending}
          onClick={() => setActive(true)}
          data-testid="staff-reactivate"
        >
          {t("staff.reactivate")}
        </Button>
      )}
      {changing && roles && <ChangeRoleDialog user={user} roles={roles} onClose={() => setChanging(false)} />}
    </Group>
  );
}
