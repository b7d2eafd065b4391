import { Anchor, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

/**
 * Under a campaign paused with reason `quota_exhausted` (SaaS mode): it continues by itself
 * once units are paid for, and a link to top up.
 */
export function QuotaExhausted() {
  const { t } = useTranslation();
  return (
    <Text size="sm" mt={4} data-testid="quota-exhausted">
      {t("billing.quota.exhaustedHint")}{" "}
      <Anchor component={Link} to="/billing#topup" size="sm" fw={600}>
        {t("billing.quota.topupLink")}
      </Anchor>
    </Text>
  );
}
