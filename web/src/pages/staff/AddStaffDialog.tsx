import { Alert, Button, Group, Modal, Stack, Text, TextInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage, fieldError } from "../../api/client";
import { LimitReachedLink } from "../billing/LimitReached";
import { useAddStaff } from "../../api/staff";
import type { Role } from "../../api/types";
import { OutletsPicker } from "../../components/OutletPicker";
import { RolePicker } from "./RolePicker";
import { roleChoice } from "./roles";
import type { ShownPassword } from "./TemporaryPasswordDialog";

interface Props {
  opened: boolean;
  roles: readonly Role[];
  onClose: () => void;
  /** Called with the new user's name and generated temporary password, to show it once. */
  onAdded: (shown: ShownPassword) => void;
}

/**
 * The dialog that adds a staff member: name, email, role and (when the shop has two outlets
 * or more) the outlets they work in; Kabar generates the temporary password.
 */
export function AddStaffDialog({ opened, roles, onClose, onAdded }: Props) {
  const { t } = useTranslation();
  const add = useAddStaff();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<string | null>("agent");
  const [outletIds, setOutletIds] = useState<string[]>([]);
  const [tried, setTried] = useState(false);
  const close = () => {
    setName("");
    setEmail("");
    setRole("agent");
    setOutletIds([]);
    setTried(false);
    add.reset();
    onClose();
  };
  const err = add.error;
  const errors = {
    name: tried && !name.trim() ? t("staff.nameRequired") : fieldError(err, "name"),
    email: tried && !email.trim() ? t("staff.emailRequired") : fieldError(err, "email"),
    role: tried && !role ? t("staff.roleRequired") : fieldError(err, "role", "roleId", "permissions"),
  };
  const outletError = fieldError(err, "outletIds");
  const general =
    err && !errors.name && !errors.email && !errors.role && !outletError ? errorMessage(err) : null;
  const submit = () => {
    setTried(true);
    if (!name.trim() || !email.trim() || !role) return;
    add.mutate(
      // No outlet chosen: the server's default (every outlet, or the adder's own outlets).
      {
        name: name.trim(),
        email: email.trim(),
        ...roleChoice(role, roles),
        ...(outletIds.length > 0 ? { outletIds } : {}),
      },
      {
        onSuccess: (user) => {
          close();
          if (user.temporaryPassword) onAdded({ name: user.name, password: user.temporaryPassword });
        },
      },
    );
  };
  return (
    <Modal opened={opened} onClose={close} title={t("staff.add")} centered>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack>
          <Text size="sm" c="dimmed">
            {t("staff.addIntro")}
          </Text>
          {general && (
            <Alert color="red" role="alert" data-testid="add-staff-error">
              {general}
              <LimitReachedLink error={err} />
            </Alert>
          )}
          <TextInput
            label={t("staff.name")}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            data-testid="staff-name"
          />
          <TextInput
            label={t("staff.email")}
            type="email"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={errors.email}
            data-testid="staff-email"
          />
          <RolePicker roles={roles} value={role} onChange={setRole} error={errors.role} />
          <OutletsPicker value={outletIds} onChange={setOutletIds} error={outletError} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t("staff.cancel")}
            </Button>
            <Button type="submit" loading={add.isPending} data-testid="add-staff-submit">
              {t("staff.add")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
