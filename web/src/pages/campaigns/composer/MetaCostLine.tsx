import { Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { CampaignEstimate } from "../../../api/types";
import { useFormat } from "../../../lib/useFormat";

/** Meta's charge of a Cloud API campaign as the estimate gives it (null: free). */
type MetaCost = CampaignEstimate["metaCost"];

/**
 * The review step's line of Meta's per-message charge, e.g. "Perkiraan biaya Meta: Rp150.000
 * (1.000 pesan MARKETING × Rp150)", in the shop's number format; one part per market, and how
 * many messages go to markets without a rate. Nothing for free numbers (null).
 */
export function MetaCostLine({ cost }: { cost: MetaCost }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!cost) return null;
  const rp = (n: number) => `Rp${f.number(n)}`;
  const parts = cost.byMarket
    .map((m) =>
      t("composer.review.metaCostPart", {
        n: f.number(m.messages),
        category: cost.category,
        rate: rp(m.rate),
      }),
    )
    .join(" + ");
  return (
    <div data-testid="estimate-meta-cost">
      <Text size="sm" fw={500}>
        {t("composer.review.metaCost", { total: rp(cost.rupiah), parts: parts || "—" })}
      </Text>
      {cost.unknownMessages > 0 && (
        <Text size="xs" c="dimmed">
          {t("composer.review.metaCostUnknown", { n: f.number(cost.unknownMessages) })}
        </Text>
      )}
    </div>
  );
}
