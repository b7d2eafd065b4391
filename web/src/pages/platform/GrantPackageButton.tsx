import { Alert, Button, Group, Modal, SegmentedControl, Select, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import { type PlatformShop, useGrantPackage, usePlatformPackages } from "../../api/platform";

/**
 * "Put on a package" on a shop's row: picks an offered package (never the trial) and a cycle,
 * and says what happens — no payment, a new period from now with the package's full message
 * allowance; a shop made before SaaS mode becomes metered and billed from then on.
 */
export function GrantPackageButton({ shop }: { shop: PlatformShop }) {
  const { t } = useTranslation();
  const packages = usePlatformPackages();
  const grant = useGrantPackage();
  const [opened, setOpened] = useState(false);
  const [packageId, setPackageId] = useState<string | null>(null);
  const [cycle, setCycle] = useState<"monthly" | "yearly">("monthly");
  const choices = (packages.data ?? [])
    .filter((p) => p.active && !p.isTrial)
    .map((p) => ({ value: p.id, label: p.name }));
  const close = () => {
    setOpened(false);
    setPackageId(null);
    setCycle("monthly");
    grant.reset();
  };
  const confirm = () => {
    if (!packageId) return;
    grant.mutate(
      { id: shop.id, packageId, cycle },
      {
        onSuccess: (row) => {
          close();
          notifications.show({
            color: "teal",
            message: t("platform.shops.granted", { name: shop.name, package: row.package?.name ?? "" }),
          });
        },
      },
    );
  };
  return (
    <>
      <Button size="xs" variant="light" onClick={() => setOpened(true)} data-testid="grant">
        {t(shop.status === null ? "platform.shops.grantFirst" : "platform.shops.grant")}
      </Button>
      <Modal
        opened={opened}
        onClose={close}
        title={t("platform.shops.grantTitle", { name: shop.name })}
        centered
      >
        <Stack>
          <Text size="sm">
            {t(shop.status === null ? "platform.shops.grantWhatFirst" : "platform.shops.grantWhat")}
          </Text>
          <Select
            label={t("platform.shops.package")}
            data={choices}
            value={packageId}
            onChange={setPackageId}
            allowDeselect={false}
            data-testid="grant-package"
          />
          <SegmentedControl
            value={cycle}
            onChange={(v) => setCycle(v as "monthly" | "yearly")}
            data={[
              { value: "monthly", label: t("platform.shops.monthly") },
              { value: "yearly", label: t("platform.shops.yearly") },
            ]}
          />
          {grant.error && (
            <Alert color="red" role="alert">
              {errorMessage(grant.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t("common.back")}
            </Button>
            <Button
              disabled={!packageId}
              loading={grant.isPending}
              onClick={confirm}
              data-testid="grant-confirm"
            >
              {t("platform.shops.grantConfirm")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
