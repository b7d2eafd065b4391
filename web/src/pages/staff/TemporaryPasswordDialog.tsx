import { Modal } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { ShownOnce } from "../../components/ShownOnce";

/** A temporary password to show: whose, and the password. */
export interface ShownPassword {
  name: string;
  password: string;
}

/**
 * Shows a temporary password this once (the server keeps only its hash), with a copy button
 * and a warning; only the button closes it, so a stray click cannot lose the password.
 */
export function TemporaryPasswordDialog({
  shown,
  onClose,
}: {
  shown: ShownPassword | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={shown !== null}
      onClose={onClose}
      title={t("staff.passwordTitle", { name: shown?.name ?? "" })}
      centered
      closeOnClickOutside={false}
      closeOnEscape={false}
      withCloseButton={false}
    >
      {shown && (
        <ShownOnce
          value={shown.password}
          warning={t("staff.passwordOnce", { name: shown.name })}
          words={{ copy: t("staff.copy"), copied: t("staff.copied"), done: t("staff.done") }}
          onDone={onClose}
          testId="temporary-password"
        />
      )}
    </Modal>
  );
}
