import { Alert, Anchor, Button, Modal, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { type BillingCycle, limitProblems, type PackageDto, useDowngrade } from "../../api/billing";
import { ApiError, errorMessage } from "../../api/client";
import { useFormat } from "../../lib/useFormat";

/** Where the owner removes what is over a limit. */
const PAGES = { numbers: "/channels", staff: "/staff", contacts: "/contacts" } as const;

/**
 * "Downgrade": schedules the smaller package for the period's end. When the shop has more
 * numbers, staff or contacts than it allows (409 `over_package_limit`), a dialog lists each
 * limit with what to remove and a link to the page where to do it.
 */
export function DowngradeButton({
  pkg,
  cycle,
  periodEnd,
}: {
  pkg: PackageDto;
  cycle: BillingCycle;
  periodEnd: string;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const downgrade = useDowngrade();
  const err = downgrade.error;
  const problems =
    err instanceof ApiError && err.code === "over_package_limit" ? limitProblems(err.details) : [];
  return (
    <div>
      <Button
        variant="light"
        loading={downgrade.isPending}
        onClick={() =>
          downgrade.mutate(
            { packageId: pkg.id, cycle },
            {
              onSuccess: () =>
                notifications.show({
                  color: "teal",
                  message: t("billing.downgrade.done", { name: pkg.name, date: f.dateTime(periodEnd) }),
                }),
            },
          )
        }
      >
        {t("billing.packages.downgrade")}
      </Button>
      {err && problems.length === 0 && (
        <Text size="xs" c="red" mt={4} role="alert">
          {errorMessage(err)}
        </Text>
      )}
      <Modal
        opened={problems.length > 0}
        onClose={() => downgrade.reset()}
        title={t("billing.downgrade.title", { name: pkg.name })}
      >
        <Stack data-testid="downgrade-problems">
          <Text size="sm">{t("billing.downgrade.intro")}</Text>
          {problems.map((p) => (
            <Alert key={p.limit} color="yellow">
              <Text size="sm" fw={500}>
                {t(`billing.downgrade.${p.limit}`, { used: f.number(p.used), allowed: f.number(p.allowed) })}
              </Text>
              {p.remove && p.remove.length > 0 && (
                <Text size="sm" mt={4}>
                  {t("billing.downgrade.remove", { names: p.remove.map((r) => r.name).join(", ") })}
                </Text>
              )}
              <Anchor component={Link} to={PAGES[p.limit]} size="sm">
                {t(`billing.downgrade.go.${p.limit}`)}
              </Anchor>
            </Alert>
          ))}
        </Stack>
      </Modal>
    </div>
  );
}
