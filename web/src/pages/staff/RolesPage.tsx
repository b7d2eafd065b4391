import { Alert, Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { errorMessage } from "../../api/client";
import { type Permission, useCan } from "../../api/session";
import { useDeleteRole, useRoles } from "../../api/staff";
import type { Role } from "../../api/types";
import { ConfirmButton } from "../../components/ConfirmButton";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { RoleEditor } from "./RoleEditor";
import { allPermissions, groupPermissions, moduleLabel, permissionLabel, roleLabel } from "./roles";

/**
 * `/staff/roles` (with `roles.read`): the built-in roles, read-only, with their permissions,
 * and the shop's own roles, which `roles.create` / `roles.update` / `roles.delete` make,
 * edit and delete (a role someone holds cannot be deleted: the API's message says so).
 */
export function RolesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const roles = useRoles(can("roles.read"));
  // undefined: closed; null: a new role; a role: editing it.
  const [editing, setEditing] = useState<Role | null | undefined>(undefined);
  return (
    <>
      <PageHeader title={t("staff.roles.title")}>
        <Button component={Link} to="/staff" variant="default">
          {t("staff.roles.back")}
        </Button>
        {can("roles.create") && roles.data && (
          <Button onClick={() => setEditing(null)} data-testid="role-create">
            {t("staff.roles.create")}
          </Button>
        )}
      </PageHeader>
      <Text c="dimmed" size="sm" mb="md">
        {t("staff.roles.intro")}
      </Text>
      <QueryState query={roles}>
        {(list) => (
          <Stack>
            <Title order={4}>{t("staff.roles.custom")}</Title>
            {list.some((r) => !r.builtIn) ? (
              list
                .filter((r) => !r.builtIn)
                .map((r) => <RoleCard key={r.id} role={r} all={allPermissions(list)} onEdit={setEditing} />)
            ) : (
              <Text c="dimmed" size="sm" data-testid="roles-no-custom">
                {t("staff.roles.noCustom")}
              </Text>
            )}
            <Title order={4}>{t("staff.roles.builtIn")}</Title>
            {list
              .filter((r) => r.builtIn)
              .map((r) => (
                <RoleCard key={r.key} role={r} all={allPermissions(list)} onEdit={setEditing} />
              ))}
          </Stack>
        )}
      </QueryState>
      {editing !== undefined && roles.data && (
        <RoleEditor role={editing} roles={roles.data} onClose={() => setEditing(undefined)} />
      )}
    </>
  );
}

/**
 * One role: its name, its permissions by module (in the registry's order, `all`), and for a
 * custom role edit and delete.
 */
function RoleCard({
  role,
  all,
  onEdit,
}: {
  role: Role;
  all: readonly Permission[];
  onEdit: (role: Role) => void;
}) {
  const { t } = useTranslation();
  const can = useCan();
  const remove = useDeleteRole();
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      data-testid="role-card"
      data-role={role.key === "custom" ? role.name : role.key}
    >
      <Group justify="space-between" mb="xs">
        <Group gap="xs">
          <Text fw={600}>{roleLabel(t, role)}</Text>
          <Badge variant="light" color="gray">
            {t("staff.roles.permissionCount", { count: role.permissions.length })}
          </Badge>
        </Group>
        {!role.builtIn && role.id && (
          <Group gap="xs">
            {can("roles.update") && (
              <Button size="xs" variant="light" onClick={() => onEdit(role)} data-testid="role-edit">
                {t("staff.roles.edit")}
              </Button>
            )}
            {can("roles.delete") && (
              <ConfirmButton
                size="xs"
                variant="light"
                color="red"
                title={t("staff.roles.deleteTitle", { name: role.name })}
                message={t("staff.roles.deleteMessage")}
                confirmLabel={t("staff.roles.delete")}
                loading={remove.isPending}
                onConfirm={() =>
                  remove.mutate(role.id as string, {
                    onSuccess: () =>
                      notifications.show({
                        color: "teal",
                        message: t("staff.roles.deleted", { name: role.name }),
                      }),
                  })
                }
                data-testid="role-delete"
              >
                {t("staff.roles.delete")}
              </ConfirmButton>
            )}
          </Group>
        )}
      </Group>
      {remove.error && (
        <Alert color="red" role="alert" mb="xs" data-testid="role-delete-error">
          {errorMessage(remove.error)}
        </Alert>
      )}
      <Stack gap={4}>
        {groupPermissions(all.filter((p) => role.permissions.includes(p))).map((g) => (
          <Text size="sm" key={g.module}>
            <Text span fw={500}>
              {moduleLabel(t, g.module)}:
            </Text>{" "}
            {g.keys.map((k) => permissionLabel(t, k)).join(", ")}
          </Text>
        ))}
      </Stack>
    </Paper>
  );
}
