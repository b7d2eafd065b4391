import { Alert, Button, Code, CopyButton, Group, Modal, Stack } from "@mantine/core";
import { useTranslation } from "react-i18next";

/**
 * An endpoint's signing secret, shown this once (after creation or a rotation) with a copy
 * button; only the button closes it, so a stray click never loses the secret.
 */
export function SecretDialog({ secret, onClose }: { secret: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={secret !== null}
      onClose={onClose}
      title={t("webhooks.secretTitle")}
      centered
      size="lg"
      closeOnClickOutside={false}
    >
      <Stack data-testid="webhook-secret-dialog">
        <Alert color="orange">{t("webhooks.secretOnce")}</Alert>
        <Code block data-testid="webhook-secret">
          {secret}
        </Code>
        <Group justify="space-between">
          <CopyButton value={secret ?? ""}>
            {({ copied, copy }) => (
              <Button variant="light" color={copied ? "teal" : "blue"} onClick={copy}>
                {copied ? t("webhooks.copied") : t("webhooks.copy")}
              </Button>
            )}
          </CopyButton>
          <Button onClick={onClose} data-testid="webhook-secret-done">
            {t("webhooks.done")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
