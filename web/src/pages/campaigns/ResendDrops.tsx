import { Anchor, Button, Group, Modal, Select, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { useResendDrops } from "../../api/campaigns";
import { errorMessage } from "../../api/client";
import { useChannels } from "../../api/session";
import type { Campaign } from "../../api/types";

/**
 * "Resend through another number" for a campaign's suspected drops: the owner picks another
 * connected number (never the campaign's own: WhatsApp dropped them there), and a draft to
 * exactly those contacts opens. Without another connected number it says how to get one.
 */
export function ResendDrops({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [channelId, setChannelId] = useState<string | null>(null);
  const resend = useResendDrops(campaign.id);
  const others = (useChannels().data ?? []).filter(
    (ch) => ch.id !== campaign.channelId && ch.status === "connected",
  );
  const drops = campaign.counts.suspected_drop;
  if (drops === 0) return null;
  const submit = () => {
    if (!channelId) return;
    resend.mutate(
      { channelId, name: t("campaign.resendDrops.name", { name: campaign.name }) },
      {
        onSuccess: (draft) => {
          setOpen(false);
          notifications.show({ color: "teal", message: t("campaign.resendDrops.done") });
          void navigate(`/campaigns/${draft.id}`);
        },
        onError: (err) =>
          notifications.show({ color: "red", title: t("campaign.actionFailed"), message: errorMessage(err) }),
      },
    );
  };
  return (
    <>
      <Button variant="light" color="pink" onClick={() => setOpen(true)} data-testid="resend-drops">
        {t("campaign.resendDrops.button")}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t("campaign.resendDrops.title")}>
        <Stack gap="md">
          <Text size="sm">{t("campaign.resendDrops.explain", { n: drops })}</Text>
          {others.length === 0 ? (
            <Text size="sm" c="dimmed" data-testid="resend-drops-empty">
              {t("campaign.resendDrops.noOther")}{" "}
              <Anchor component={Link} to="/channels">
                {t("campaign.resendDrops.toChannels")}
              </Anchor>
            </Text>
          ) : (
            <Select
              label={t("campaign.resendDrops.channel")}
              placeholder={t("campaign.resendDrops.pick")}
              data={others.map((ch) => ({ value: ch.id, label: ch.name }))}
              value={channelId}
              onChange={setChannelId}
              comboboxProps={{ withinPortal: false }}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              {t("campaign.resendDrops.close")}
            </Button>
            <Button onClick={submit} disabled={!channelId} loading={resend.isPending}>
              {t("campaign.resendDrops.create")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
