import { Button, Group, Stack, Text, TextInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { BUILT_IN_VARIABLES, variableMarkup } from "./editing";

interface Props {
  /** Contact attribute keys the shop uses (e.g. `kota`). */
  attributes: readonly string[];
  /** Puts the variable's markup where the cursor is. */
  onInsert: (markup: string) => void;
}

/**
 * Buttons that insert `{{name}}`, `{{phone}}` or an attribute, with an optional fallback
 * (`{{name|kak}}`). The fallback typed goes with the next variable inserted only, then the
 * field empties: a word meant for the name ("kak") never sticks to the city after it.
 */
export function VariablePicker({ attributes, onInsert }: Props) {
  const { t } = useTranslation();
  const [fallback, setFallback] = useState("");
  const button = (name: string, label: string) => (
    <Button
      key={name}
      size="compact-sm"
      variant="light"
      onClick={() => {
        onInsert(variableMarkup(name, fallback));
        setFallback("");
      }}
      data-testid={`insert-${name}`}
    >
      {label}
    </Button>
  );
  return (
    <Stack gap={6} data-testid="variable-picker">
      <Text size="sm" fw={500}>
        {t("templateEditor.insert")}
      </Text>
      <Group gap={6}>
        {BUILT_IN_VARIABLES.map((v) => button(v, t(`templateEditor.builtIn.${v}`)))}
        {attributes.map((a) => button(a, `{{${a}}}`))}
      </Group>
      {attributes.length === 0 && (
        <Text size="xs" c="dimmed">
          {t("templateEditor.noAttributes")}
        </Text>
      )}
      <TextInput
        size="xs"
        maw={280}
        label={t("templateEditor.fallback")}
        description={t("templateEditor.fallbackHint", { example: "{{name|kak}}" })}
        placeholder="kak"
        value={fallback}
        onChange={(e) => setFallback(e.currentTarget.value)}
        data-testid="fallback-input"
      />
    </Stack>
  );
}
