import { Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Campaign } from "../../api/types";
import { useFormat } from "../../lib/useFormat";

/**
 * What Meta billed for a Cloud API campaign, from its status webhooks' pricing: e.g.
 * "Biaya Meta: Rp1.759" and "3 pesan marketing: Rp1.759" per category, in the shop's number
 * format. Nothing while nothing was billed (`actualCost` null or absent).
 */
export function ActualCost({ cost }: { cost: Campaign["actualCost"] }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!cost) return null;
  const rp = (n: number) => `Rp${f.number(n)}`;
  return (
    <div data-testid="actual-cost" title={t("campaignCost.hint")}>
      <Text size="sm" fw={500}>
        {t("campaignCost.title", { total: rp(cost.rupiah) })}
      </Text>
      {cost.byCategory.map((c) => (
        <Text size="xs" c="dimmed" key={c.category}>
          {c.rupiah === null
            ? t("campaignCost.partUnpriced", { n: f.number(c.messages), category: c.category })
            : t("campaignCost.part", { n: f.number(c.messages), category: c.category, rupiah: rp(c.rupiah) })}
        </Text>
      ))}
    </div>
  );
}
