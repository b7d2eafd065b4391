import { Button, Paper } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useCampaigns } from "../../api/campaigns";
import { useCan } from "../../api/session";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { CampaignTable } from "./CampaignTable";

/** Every campaign, newest first, with its status and progress (live). */
export function CampaignListPage() {
  const { t } = useTranslation();
  const query = useCampaigns();
  const can = useCan();
  return (
    <>
      <PageHeader title={t("nav.campaigns")}>
        {can("campaigns.create") && (
          <Button component={Link} to="/campaigns/new" data-testid="new-campaign">
            {t("campaigns.new")}
          </Button>
        )}
      </PageHeader>
      <Paper withBorder radius="md" p="md">
        <QueryState query={query} empty={t("campaigns.empty")} isEmpty={(list) => list.length === 0}>
          {(list) => <CampaignTable campaigns={list} />}
        </QueryState>
      </Paper>
    </>
  );
}
