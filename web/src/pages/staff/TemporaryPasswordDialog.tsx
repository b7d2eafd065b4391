import { Alert, Button, Code, CopyButton, Group, Modal, Stack } from "@mantine/core";
import { useTranslation } from "react-i18next";

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
        <Stack data-testid="temporary-password">
          <Alert color="orange" data-testid="temporary-password-once">
            {t("staff.passwordOnce", { name: shown.name })}
          </Alert>
          <Code block data-testid="temporary-password-value">
            {shown.password}
          </Code>
          <Group justify="space-between">
            <CopyButton value={shown.password}>
              {({ copied, copy }) => (
                <Button
                  variant="light"
                  color={copied ? "teal" : "blue"}
                  onClick={copy}
                  data-testid="temporary-password-copy"
                >
                  {copied ? t("staff.copied") : t("staff.copy")}
                </Button>
              )}
            </CopyButton>
            <Button onClick={onClose} data-testid="temporary-password-done">
              {t("staff.done")}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
