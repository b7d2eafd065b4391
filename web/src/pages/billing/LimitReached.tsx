import { Anchor } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ApiError } from "../../api/client";

/**
 * After a creation refused with 402 `package_limit_reached` (SaaS mode: the package's
 * numbers, staff or contacts are all used), a link to the packages; nothing for any other error.
 */
export function LimitReachedLink({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!(error instanceof ApiError && error.code === "package_limit_reached")) return null;
  return (
    <>
      {" "}
      <Anchor component={Link} to="/billing" size="sm" fw={600} data-testid="limit-reached-link">
        {t("billing.modules.seePackages")}
      </Anchor>
    </>
  );
}
