import { Avatar, Menu, Modal, Text, UnstyledButton } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { useMe, useSignOut, useSignOutEverywhere } from "../api/session";
import { ChangePasswordForm } from "../pages/auth/ChangePasswordForm";

/** The user's initial; opens a menu with who is signed in, "change password", "sign out everywhere" and "sign out". */
export function UserMenu() {
  const { t } = useTranslation();
  const me = useMe();
  const signOut = useSignOut();
  const signOutEverywhere = useSignOutEverywhere();
  const navigate = useNavigate();
  const [changing, setChanging] = useState(false);
  const user = me.data;
  const toSignIn = { onSettled: () => void navigate("/sign-in", { replace: true }) };
  return (
    <>
      <Modal opened={changing} onClose={() => setChanging(false)} title={t("auth.changePassword")}>
        <ChangePasswordForm
          onDone={() => {
            setChanging(false);
            notifications.show({ color: "teal", message: t("auth.passwordChanged") });
          }}
        />
      </Modal>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <UnstyledButton aria-label={t("auth.account")} data-testid="user-menu">
            <Avatar color="teal" radius="xl" size="sm">
              {user?.name.charAt(0).toUpperCase() ?? "?"}
            </Avatar>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>
            <Text size="sm" fw={500}>
              {user?.name}
            </Text>
            <Text size="xs" c="dimmed">
              {user?.email} · {user ? (user.roleName ?? t(`auth.role.${user.role}`)) : ""}
            </Text>
          </Menu.Label>
          <Menu.Divider />
          <Menu.Item onClick={() => setChanging(true)} data-testid="user-menu-change-password">
            {t("auth.changePassword")}
          </Menu.Item>
          <Menu.Item onClick={() => signOutEverywhere.mutate(undefined, toSignIn)}>
            {t("auth.signOutEverywhere")}
          </Menu.Item>
          <Menu.Item color="red" onClick={() => signOut.mutate(undefined, toSignIn)}>
            {t("auth.signOut")}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </>
  );
}
