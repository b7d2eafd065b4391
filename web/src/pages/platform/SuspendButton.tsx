import { Alert, Button, Group, Modal, Text, Textarea } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import { type PlatformShop, useSuspendShop } from "../../api/platform";

/**
 * "Suspend" on a shop's row: asks for a reason (required; the shop's owner is told it) and
 * confirms that the shop's sending stops at once while its data stays.
 */
export function SuspendButton({ shop }: { shop: PlatformShop }) {
  const { t } = useTranslation();
  const suspend = useSuspendShop();
  const [opened, setOpened] = useState(false);
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);
  const close = () => {
    setOpened(false);
    setReason("");
    setMissing(false);
    suspend.reset();
  };
  const confirm = () => {
    if (!reason.trim()) return setMissing(true);
    suspend.mutate(
      { id: shop.id, reason: reason.trim() },
      {
        onSuccess: () => {
          close();
          notifications.show({ color: "teal", message: t("platform.shops.suspended", { name: shop.name }) });
        },
      },
    );
  };
  return (
    <>
      <Button size="xs" variant="light" color="red" onClick={() => setOpened(true)} data-testid="suspend">
        {t("platform.shops.suspend")}
      </Button>
      <Modal
        opened={opened}
        onClose={close}
        title={t("platform.shops.suspendTitle", { name: shop.name })}
        centered
      >
        <Text size="sm" mb="md">
          {t("platform.shops.suspendWhat")}
        </Text>
        <Textarea
          label={t("platform.shops.reason")}
          required
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => {
            setReason(e.currentTarget.value);
            setMissing(false);
          }}
          error={missing ? t("platform.shops.reasonRequired") : undefined}
          data-testid="suspend-reason"
        />
        {suspend.error && (
          <Alert color="red" mt="md" role="alert">
            {errorMessage(suspend.error)}
          </Alert>
        )}
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={close}>
            {t("common.back")}
          </Button>
          <Button color="red" loading={suspend.isPending} onClick={confirm} data-testid="suspend-confirm">
            {t("platform.shops.suspendConfirm")}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
