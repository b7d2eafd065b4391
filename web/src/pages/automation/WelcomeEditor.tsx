import { Group, NumberInput, Radio, Stack } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { WelcomeDraft } from "./ruleDraft";

interface Props {
  value: WelcomeDraft;
  onChange: (next: WelcomeDraft) => void;
  error: (field: string) => string | undefined;
}

/** Welcome a contact's first message ever, or also their first after N days of silence (1–365). */
export function WelcomeEditor({ value, onChange, error }: Props) {
  const { t } = useTranslation();
  return (
    <Radio.Group
      value={value.mode}
      onChange={(mode) => onChange({ ...value, mode: mode as WelcomeDraft["mode"] })}
      label={t("automation.welcome.when")}
      error={error("config.afterDays")}
      data-testid="welcome-editor"
    >
      <Stack gap="xs" mt="xs">
        <Radio value="first" label={t("automation.welcome.first")} data-testid="welcome-first" />
        <Group gap="xs" align="center">
          <Radio value="after" label={t("automation.welcome.after")} data-testid="welcome-after" />
          <NumberInput
            size="xs"
            w={90}
            min={1}
            max={365}
            allowDecimal={false}
            disabled={value.mode !== "after"}
            value={value.days}
            onChange={(v) => onChange({ ...value, days: typeof v === "number" ? v : Number(v) || 1 })}
            aria-label={t("automation.welcome.days")}
            data-testid="welcome-days"
          />
          {t("automation.welcome.daysUnit")}
        </Group>
      </Stack>
    </Radio.Group>
  );
}
