import { Alert, Anchor, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useCan } from "../../../api/session";
import type { CampaignEstimate } from "../../../api/types";
import { useFormat } from "../../../lib/useFormat";

/** The estimate's message units (SaaS mode; null: single mode or an unmetered shop). */
type Quota = CampaignEstimate["quota"];

/**
 * The review step's message units (issue 14, docs/billing.md "Web"): "Kuota pesan: butuh
 * 1.250 · sisa 800" in the shop's number format; an orange alert when fewer units are left
 * than needed (the campaign stops after `left` messages until a top-up; a link to /billing
 * for someone with `billing.read`), a red one when the shop's subscription blocks sending.
 * Nothing for a null quota. The start's 402 dialog stays: the units can change meanwhile.
 */
export function QuotaLine({ quota }: { quota: Quota }) {
  const { t } = useTranslation();
  const f = useFormat();
  const can = useCan();
  if (!quota) return null;
  const { needed, left, blocked } = quota;
  const short = left !== null && left < needed;
  return (
    <Stack gap="xs" data-testid="estimate-quota">
      {left !== null && (
        <Text size="sm" fw={500} data-testid="estimate-quota-line">
          {t("composer.review.quota", { needed: f.number(needed), left: f.number(left) })}
        </Text>
      )}
      {blocked ? (
        <Alert color="red" data-testid="estimate-quota-blocked">
          {t("composer.review.quotaBlocked")}
        </Alert>
      ) : (
        short && (
          <Alert color="orange" data-testid="estimate-quota-short">
            {left === 0
              ? t("composer.review.quotaNone")
              : t("composer.review.quotaShort", { left: f.number(left) })}
            {can("billing.read") && (
              <>
                {" "}
                <Anchor component={Link} to="/billing#topup" inherit>
                  {t("composer.review.quotaTopup")}
                </Anchor>
              </>
            )}
          </Alert>
        )
      )}
    </Stack>
  );
}
