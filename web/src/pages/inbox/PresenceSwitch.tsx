import { Switch } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { useAgents, useSetPresence } from "../../api/agents";
import { errorMessage } from "../../api/client";
import { useMe } from "../../api/session";

/**
 * The signed-in agent's online / offline switch (online: round robin gives them conversations);
 * going online says how many waiting conversations it gave them.
 */
export function PresenceSwitch() {
  const { t } = useTranslation();
  const me = useMe().data;
  const agents = useAgents();
  const setPresence = useSetPresence();
  const mine = agents.data?.find((a) => a.id === me?.id);
  return (
    <Switch
      label={mine?.online ? t("inbox.presence.online") : t("inbox.presence.offline")}
      checked={mine?.online ?? false}
      disabled={!mine || setPresence.isPending}
      color="teal"
      onChange={(e) =>
        setPresence.mutate(e.currentTarget.checked, {
          onSuccess: (answer) => {
            if (!answer.online) return;
            notifications.show({
              color: "teal",
              message:
                answer.assigned > 0
                  ? t("inbox.presence.assigned", { count: answer.assigned })
                  : t("inbox.presence.assignedNone"),
            });
          },
          onError: (err) => notifications.show({ color: "red", message: errorMessage(err) }),
        })
      }
      data-testid="presence-switch"
    />
  );
}
