import { SegmentedControl, Stack, Switch, TagsInput, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { KEYWORD_MODES, type KeywordConfig, type KeywordMode } from "../../api/automation";

interface Props {
  value: KeywordConfig;
  onChange: (next: KeywordConfig) => void;
  error: (field: string) => string | undefined;
}

/** Keywords as tags (Enter or comma adds one), how they match the message, and whether case counts. */
export function KeywordEditor({ value, onChange, error }: Props) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" data-testid="keyword-editor">
      <TagsInput
        label={t("automation.keyword.keywords")}
        description={t("automation.keyword.keywordsHint")}
        placeholder={t("automation.keyword.placeholder")}
        value={value.keywords}
        onChange={(keywords) => onChange({ ...value, keywords })}
        splitChars={[","]}
        clearable
        maxTags={50}
        error={error("config.keywords")}
        data-testid="keywords-input"
      />
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {t("automation.keyword.mode")}
        </Text>
        <SegmentedControl
          value={value.mode}
          onChange={(mode) => onChange({ ...value, mode: mode as KeywordMode })}
          data={KEYWORD_MODES.map((m) => ({ value: m, label: t(`automation.keyword.modes.${m}`) }))}
          data-testid="keyword-mode"
        />
        {error("config.mode") && (
          <Text size="xs" c="red">
            {error("config.mode")}
          </Text>
        )}
      </Stack>
      <Switch
        checked={value.caseSensitive}
        onChange={(e) => onChange({ ...value, caseSensitive: e.currentTarget.checked })}
        label={t("automation.keyword.caseSensitive")}
        description={t("automation.keyword.caseHint")}
        data-testid="keyword-case"
      />
    </Stack>
  );
}
