import { Badge, Button, Group, Paper, Table, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useCan, useMe } from "../../api/session";
import { useRoles, useStaff } from "../../api/staff";
import type { Role, StaffUser } from "../../api/types";
import { useOutletChoices } from "../../components/OutletPicker";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { TableHead } from "../../components/TableHead";
import { AddStaffDialog } from "./AddStaffDialog";
import { roleLabel } from "./roles";
import { StaffActions } from "./StaffActions";
import { type ShownPassword, TemporaryPasswordDialog } from "./TemporaryPasswordDialog";

/**
 * `/staff` (with `users.read`): the shop's users with their role, status and whether they
 * still hold a temporary password (and, when the shop has two outlets or more, where each
 * works); with `users.create` an "add staff" dialog, with
 * `users.update` each row's actions (see {@link StaffActions}). Temporary passwords are
 * shown once. Roles are picked from GET /roles, so adding and changing roles also needs
 * `roles.read`.
 */
export function StaffPage() {
  const { t } = useTranslation();
  const can = useCan();
  const staff = useStaff(can("users.read"));
  const roles = useRoles(can("roles.read"));
  const [adding, setAdding] = useState(false);
  const [shown, setShown] = useState<ShownPassword | null>(null);
  return (
    <>
      <PageHeader title={t("staff.title")}>
        {can("roles.read") && (
          <Button component={Link} to="/staff/roles" variant="default" data-testid="staff-roles-link">
            {t("staff.rolesLink")}
          </Button>
        )}
        {can("users.create") && roles.data && (
          <Button onClick={() => setAdding(true)} data-testid="staff-add">
            {t("staff.add")}
          </Button>
        )}
      </PageHeader>
      <Text c="dimmed" size="sm" mb="md">
        {t("staff.intro")}
      </Text>
      <Paper withBorder radius="md" p="md">
        <QueryState query={staff}>
          {(users) => <StaffTable users={users} roles={roles.data ?? null} onPassword={setShown} />}
        </QueryState>
      </Paper>
      {roles.data && (
        <AddStaffDialog
          opened={adding}
          roles={roles.data}
          onClose={() => setAdding(false)}
          onAdded={setShown}
        />
      )}
      <TemporaryPasswordDialog shown={shown} onClose={() => setShown(null)} />
    </>
  );
}

function StaffTable({
  users,
  roles,
  onPassword,
}: {
  users: StaffUser[];
  roles: Role[] | null;
  onPassword: (shown: ShownPassword) => void;
}) {
  const { t } = useTranslation();
  const me = useMe().data;
  const can = useCan();
  const name = (u: StaffUser) =>
    roleLabel(t, { key: u.role, name: roles?.find((r) => r.id === u.roleId)?.name ?? t("auth.role.custom") });
  // Only an owner changes an owner (the API answers 403 owner_role_owner_only).
  const mayChange = (u: StaffUser) => can("users.update") && (u.role !== "owner" || me?.role === "owner");
  // Who works where, when the shop has two outlets or more (none: every outlet).
  const outlets = useOutletChoices();
  const outletNames = (u: StaffUser) =>
    u.outletIds.length === 0
      ? t("settings.outlets.all")
      : u.outletIds.map((id) => outlets?.find((o) => o.id === id)?.name ?? "?").join(", ");
  const columns = [t("staff.name"), t("staff.email"), t("staff.role")];
  if (outlets) columns.push(t("settings.outlets.pick"));
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="sm" data-testid="staff-table">
        <TableHead columns={[...columns, t("staff.status"), ""]} />
        <Table.Tbody>
          {users.map((u) => (
            <Table.Tr key={u.id} data-testid="staff-row" data-email={u.email}>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Text size="sm">{u.name}</Text>
                  {u.id === me?.id && (
                    <Badge variant="outline" size="xs">
                      {t("staff.you")}
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>{u.email}</Table.Td>
              <Table.Td data-testid="staff-role-name">{name(u)}</Table.Td>
              {outlets && <Table.Td data-testid="staff-outlets">{outletNames(u)}</Table.Td>}
              <Table.Td>
                <Group gap={4}>
                  {u.deactivatedAt ? (
                    <Badge color="gray" data-testid="staff-status">
                      {t("staff.deactivated")}
                    </Badge>
                  ) : (
                    <Badge color="teal" variant="light" data-testid="staff-status">
                      {t("staff.active")}
                    </Badge>
                  )}
                  {u.mustChangePassword && !u.deactivatedAt && (
                    <Badge color="orange" variant="light" data-testid="staff-must-change">
                      {t("staff.mustChange")}
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                {mayChange(u) && (
                  <StaffActions user={u} roles={roles} self={u.id === me?.id} onPassword={onPassword} />
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
