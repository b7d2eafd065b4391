import { SegmentedControl, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useTenant } from "../../../api/session";
import { ShopDateTimeInput } from "../../../components/ShopDateTimeInput";
import type { StepProps } from "./AudienceStep";
import type { Draft } from "./draft";

/** Step 4: send now, or at a date and time of the shop's time zone (the server reads it in that zone). */
export function ScheduleStep({ draft, update, error }: StepProps) {
  const { t } = useTranslation();
  const zone = useTenant().data?.timeZone ?? "Asia/Jakarta";
  return (
    <Stack>
      <div>
        <Text size="sm" fw={500} mb={4}>
          {t("composer.when")}
        </Text>
        <SegmentedControl
          value={draft.when}
          onChange={(v) => update({ when: v as Draft["when"] })}
          data={[
            { value: "now", label: t("composer.now") },
            { value: "later", label: t("composer.later") },
          ]}
          data-testid="when-input"
        />
      </div>
      {draft.when === "later" && (
        <ShopDateTimeInput
          label={t("composer.at")}
          description={t("composer.atHint", { zone })}
          required
          w={280}
          value={draft.at}
          onChange={(at) => update({ at })}
          error={error("at")}
          data-testid="at-input"
        />
      )}
    </Stack>
  );
}
