import { Button } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";
import { useCampaignAction, type CampaignAction, type PartialStart } from "../../api/campaigns";
import { ApiError, errorMessage } from "../../api/client";
import { useCan } from "../../api/session";
import type { Campaign } from "../../api/types";
import { ConfirmButton } from "../../components/ConfirmButton";
import { useFormat } from "../../lib/useFormat";
import { QuotaDialog, type QuotaShortfall, quotaShortfall } from "./QuotaDialog";
import { ResendDrops } from "./ResendDrops";

const CANCELLABLE = ["draft", "scheduled", "running", "paused"];
const RETRYABLE = ["running", "paused", "completed", "failed"];

/** Start, pause, resume, cancel (confirmed), retry the failed and resend the suspected drops, as the status allows
 * and the user holds `campaigns.start` (cancel: `campaigns.cancel`), as the API asks. In SaaS mode a start
 * refused for too few message units (402 `quota_insufficient`) opens the {@link QuotaDialog}; one refused
 * for an inactive subscription (402 `subscription_inactive`) says so. */
export function CampaignActions({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const f = useFormat();
  const action = useCampaignAction(campaign.id);
  const can = useCan();
  const start = can("campaigns.start");
  // A start refused on the new-campaign page arrives with its shortfall (router state `quota`).
  const arrived = (useLocation().state as { quota?: QuotaShortfall } | null)?.quota ?? null;
  const [shortfall, setShortfall] = useState<QuotaShortfall | null>(arrived);
  const run = (input: CampaignAction | PartialStart) => {
    const a = typeof input === "string" ? input : input.action;
    action.mutate(input, {
      onSuccess: () => {
        setShortfall(null);
        notifications.show({ color: "teal", message: t(`campaign.done.${a}`) });
      },
      onError: (err) => {
        const short =
          err instanceof ApiError && err.code === "quota_insufficient" ? quotaShortfall(err.details) : null;
        if (short) return setShortfall(short);
        setShortfall(null);
        const inactive = err instanceof ApiError && err.code === "subscription_inactive";
        notifications.show({
          color: "red",
          title: t("campaign.actionFailed"),
          message: inactive ? t("billing.quota.inactive") : errorMessage(err),
        });
      },
    });
  };
  const busy = action.isPending;
  const { status, counts } = campaign;
  if (!start && !can("campaigns.cancel")) return null;
  return (
    <>
      <QuotaDialog
        shortfall={shortfall}
        onClose={() => setShortfall(null)}
        onPartial={() => run({ action: "start", allowPartial: true })}
        loading={busy}
      />
      {start && (status === "draft" || status === "scheduled") && (
        <ConfirmButton
          title={t("campaign.startTitle")}
          message={t("campaign.startConfirm")}
          confirmLabel={t("campaign.start")}
          onConfirm={() => run("start")}
          loading={busy}
        >
          {t("campaign.start")}
        </ConfirmButton>
      )}
      {start && status === "running" && (
        <Button variant="light" color="yellow" onClick={() => run("pause")} loading={busy}>
          {t("campaign.pause")}
        </Button>
      )}
      {start && status === "paused" && (
        <Button variant="light" onClick={() => run("resume")} loading={busy}>
          {t("campaign.resume")}
        </Button>
      )}
      {start && RETRYABLE.includes(status) && counts.failed > 0 && (
        <ConfirmButton
          variant="light"
          title={t("campaign.retryTitle")}
          message={t("campaign.retryConfirm", { count: counts.failed, n: f.number(counts.failed) })}
          confirmLabel={t("campaign.retry")}
          onConfirm={() => run("retry-failed")}
          loading={busy}
        >
          {t("campaign.retry")}
        </ConfirmButton>
      )}
      {start && <ResendDrops campaign={campaign} />}
      {can("campaigns.cancel") && CANCELLABLE.includes(status) && (
        <ConfirmButton
          variant="light"
          color="red"
          title={t("campaign.cancelTitle")}
          message={t("campaign.cancelConfirm")}
          confirmLabel={t("campaign.cancel")}
          onConfirm={() => run("cancel")}
          loading={busy}
        >
          {t("campaign.cancel")}
        </ConfirmButton>
      )}
    </>
  );
}
