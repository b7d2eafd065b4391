import { Anchor, Button, Group, Modal, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useCampaignAction, type CampaignAction } from "../../api/campaigns";
import { ApiError, errorMessage } from "../../api/client";
import { useCan } from "../../api/session";
import type { Campaign } from "../../api/types";
import { ConfirmButton } from "../../components/ConfirmButton";
import { useFormat } from "../../lib/useFormat";
import { ResendDrops } from "./ResendDrops";

const CANCELLABLE = ["draft", "scheduled", "running", "paused"];
const RETRYABLE = ["running", "paused", "completed", "failed"];

/** Start, pause, resume, cancel (confirmed), retry the failed and resend the suspected drops, as the status allows
 * and the user holds `campaigns.start` (cancel: `campaigns.cancel`), as the API asks. */
export function CampaignActions({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const f = useFormat();
  const action = useCampaignAction(campaign.id);
  const can = useCan();
  const start = can("campaigns.start");
  // SaaS mode: fewer message units than recipients — the server's message says how many of each.
  const [short, setShort] = useState<string | null>(null);
  const run = (a: CampaignAction) =>
    action.mutate(a, {
      onSuccess: () => {
        setShort(null);
        notifications.show({
          color: "teal",
          message: t(`campaign.done.${a === "start-partial" ? "start" : a}`),
        });
      },
      onError: (err) => {
        if (a === "start" && err instanceof ApiError && err.code === "quota_insufficient") {
          setShort(err.message);
          return;
        }
        notifications.show({ color: "red", title: t("campaign.actionFailed"), message: errorMessage(err) });
      },
    });
  const busy = action.isPending;
  const { status, counts } = campaign;
  if (!start && !can("campaigns.cancel")) return null;
  return (
    <>
      <Modal opened={short !== null} onClose={() => setShort(null)} title={t("campaign.quotaShortTitle")}>
        <Text data-testid="quota-short">{short}</Text>
        <Text size="sm" c="dimmed" mt="xs">
          {t("campaign.quotaShortHint")}{" "}
          <Anchor component={Link} to="/billing">
            {t("campaign.topUp")}
          </Anchor>
        </Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setShort(null)}>
            {t("campaign.quotaShortBack")}
          </Button>
          <Button onClick={() => run("start-partial")} loading={busy}>
            {t("campaign.startPartial")}
          </Button>
        </Group>
      </Modal>
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
