import { Card, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useBillingPackages } from "../../api/billing";
import { useCan } from "../../api/session";
import { formatRupiah } from "../../lib/rupiah";
import { useFormat } from "../../lib/useFormat";
import { CheckoutButton } from "./CheckoutButton";

/** The top-up packs (messages that last until used) with "Buy" for owners. */
export function TopupCard() {
  const { t } = useTranslation();
  const f = useFormat();
  const manage = useCan()("billing.manage");
  const topups = useBillingPackages().data?.topups ?? [];
  if (topups.length === 0) return null;
  return (
    <Paper withBorder radius="md" p="md" id="topup">
      <Title order={4}>{t("billing.topup.title")}</Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t("billing.topup.intro")}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        {topups.map((p) => (
          <Card withBorder radius="md" key={p.id} data-testid={`topup-${p.code}`}>
            <Stack gap="xs">
              <Text fw={600}>{p.name}</Text>
              <Text size="sm">{t("billing.topup.units", { n: f.number(p.units) })}</Text>
              <Text fw={700}>{formatRupiah(p.price)}</Text>
              {manage && (
                <CheckoutButton variant="light" input={{ kind: "topup", topupPackId: p.id }}>
                  {t("billing.topup.buy")}
                </CheckoutButton>
              )}
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
    </Paper>
  );
}
