import { Alert, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { type BillingSummary, useCancelDowngrade } from "../../api/billing";
import { errorMessage } from "../../api/client";
import { useCan } from "../../api/session";
import { useFormat } from "../../lib/useFormat";
import { CheckoutButton } from "./CheckoutButton";
import { SubscriptionBadge } from "./SubscriptionBadge";

/** Renewal is offered to a paid package's active, due or expired subscription. */
const RENEWABLE = ["active", "past_due", "expired"];

/**
 * The current package: name, status, cycle, period (shop's time zone), the grace date when
 * payment is due, a scheduled downgrade (cancellable), and "Pay the renewal" for owners.
 */
export function CurrentPlan({ billing }: { billing: BillingSummary }) {
  const { t } = useTranslation();
  const f = useFormat();
  const manage = useCan()("billing.manage");
  const cancel = useCancelDowngrade();
  const b = billing;
  return (
    <Paper withBorder radius="md" p="md" data-testid="current-plan">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Text size="sm" c="dimmed">
            {t("billing.current.title")}
          </Text>
          <Group gap="sm">
            <Title order={3} data-testid="package-name">
              {b.package.name}
            </Title>
            <SubscriptionBadge status={b.status} />
            {!b.package.isTrial && <Text c="dimmed">{t(`billing.cycle.${b.cycle}`)}</Text>}
          </Group>
          <Text size="sm" data-testid="period">
            {t("billing.current.period", { start: f.dateTime(b.periodStart), end: f.dateTime(b.periodEnd) })}
          </Text>
          {b.graceUntil && b.status === "past_due" && (
            <Text size="sm" c="yellow.8">
              {t("billing.current.grace", { date: f.dateTime(b.graceUntil) })}
            </Text>
          )}
          {b.package.isTrial && (
            <Text size="sm" c="dimmed">
              {t("billing.current.trial")}
            </Text>
          )}
        </Stack>
        {manage && !b.package.isTrial && RENEWABLE.includes(b.status) && (
          <CheckoutButton input={{ kind: "renewal", cycle: b.cycle }}>
            {t("billing.current.renew")}
          </CheckoutButton>
        )}
      </Group>
      {b.nextPackage && (
        <Alert color="blue" mt="md" data-testid="next-package">
          <Group justify="space-between">
            <Text size="sm">
              {t("billing.current.next", { name: b.nextPackage.name, date: f.dateTime(b.periodEnd) })}
            </Text>
            {manage && (
              <Button size="xs" variant="light" loading={cancel.isPending} onClick={() => cancel.mutate()}>
                {t("billing.current.cancelNext")}
              </Button>
            )}
          </Group>
          {cancel.error && (
            <Text size="sm" c="red">
              {errorMessage(cancel.error)}
            </Text>
          )}
        </Alert>
      )}
    </Paper>
  );
}
