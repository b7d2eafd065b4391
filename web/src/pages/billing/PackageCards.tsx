import {
  Badge,
  Card,
  Group,
  List,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  type BillingCycle,
  type BillingSummary,
  type PackageDto,
  useBillingPackages,
} from "../../api/billing";
import { useCan } from "../../api/session";
import { QueryState } from "../../components/QueryState";
import { formatRupiah } from "../../lib/rupiah";
import { useFormat } from "../../lib/useFormat";
import { CheckoutButton } from "./CheckoutButton";
import { DowngradeButton } from "./DowngradeButton";
import { UpgradeButton } from "./UpgradeButton";

/** The lines of a package's quotas: the key for a number, the key for unlimited. */
const QUOTAS = [
  ["messageQuota", "billing.packages.messages", "billing.packages.messagesUnlimited"],
  ["numbersLimit", "billing.packages.numbers", "billing.packages.unlimitedNumbers"],
  ["staffLimit", "billing.packages.staff", "billing.packages.unlimitedStaff"],
  ["contactsLimit", "billing.packages.contacts", "billing.packages.unlimitedContacts"],
] as const;

/** What a package includes, one line per quota (null: unlimited). */
function Includes({ pkg }: { pkg: PackageDto }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <List size="sm" spacing={2}>
      {QUOTAS.map(([field, some, none]) => {
        const n = pkg[field];
        return <List.Item key={field}>{n === null ? t(none) : t(some, { n: f.number(n) })}</List.Item>;
      })}
    </List>
  );
}

/** The action on one package for an owner: choose (trial or expired), upgrade, downgrade, or a badge. */
function Action({ pkg, billing, cycle }: { pkg: PackageDto; billing: BillingSummary; cycle: BillingCycle }) {
  const { t } = useTranslation();
  if (billing.nextPackage?.id === pkg.id)
    return <Badge variant="light">{t("billing.packages.scheduled")}</Badge>;
  if (pkg.id === billing.package.id && billing.status !== "expired")
    return <Badge color="teal">{t("billing.packages.current")}</Badge>;
  if (billing.package.isTrial || billing.status === "expired")
    return (
      <CheckoutButton input={{ kind: "subscription", packageId: pkg.id, cycle }}>
        {t("billing.packages.choose")}
      </CheckoutButton>
    );
  if (pkg.priceMonthly > billing.package.priceMonthly)
    return <UpgradeButton pkg={pkg} cycle={cycle} periodEnd={billing.periodEnd} />;
  return <DowngradeButton pkg={pkg} cycle={cycle} periodEnd={billing.periodEnd} />;
}

/**
 * The packages on sale with a monthly/yearly switch and their prices in rupiah; owners
 * (`billing.manage`) choose, upgrade (paying the prorated difference) or downgrade (at the
 * period's end).
 */
export function PackageCards({ billing }: { billing: BillingSummary }) {
  const { t } = useTranslation();
  const manage = useCan()("billing.manage");
  const packages = useBillingPackages();
  const [cycle, setCycle] = useState<BillingCycle>(billing.cycle);
  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" mb="sm">
        <Title order={4}>{t("billing.packages.title")}</Title>
        <SegmentedControl
          value={cycle}
          onChange={(v) => setCycle(v as BillingCycle)}
          data={[
            { value: "monthly", label: t("billing.cycle.monthly") },
            { value: "yearly", label: t("billing.cycle.yearly") },
          ]}
          data-testid="cycle-switch"
        />
      </Group>
      <QueryState query={packages}>
        {({ packages: list }) => (
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            {list.map((pkg) => (
              <Card withBorder radius="md" key={pkg.id} data-testid={`package-${pkg.code}`}>
                <Stack gap="xs" h="100%" justify="space-between">
                  <Stack gap="xs">
                    <Text fw={600}>{pkg.name}</Text>
                    <Text size="lg" fw={700} data-testid="price">
                      {cycle === "monthly"
                        ? t("billing.packages.perMonth", { price: formatRupiah(pkg.priceMonthly) })
                        : t("billing.packages.perYear", { price: formatRupiah(pkg.priceYearly) })}
                    </Text>
                    <Includes pkg={pkg} />
                  </Stack>
                  {manage && (
                    <Group>
                      <Action pkg={pkg} billing={billing} cycle={cycle} />
                    </Group>
                  )}
                </Stack>
              </Card>
            ))}
          </SimpleGrid>
        )}
      </QueryState>
    </Paper>
  );
}
