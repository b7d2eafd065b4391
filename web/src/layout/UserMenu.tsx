import { Avatar, Menu, Text, UnstyledButton } from "@mantine/core";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { useMe, useSignOut } from "../api/session";

/** The user's initial; opens a menu with who is signed in and "sign out". */
export function UserMenu() {
  const { t } = useTranslation();
  const me = useMe();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const user = me.data;
  return (
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
        <Menu.Item
          color="red"
          onClick={() =>
            signOut.mutate(undefined, { onSettled: () => void navigate("/sign-in", { replace: true }) })
          }
        >
          {t("auth.signOut")}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
