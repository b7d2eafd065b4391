import {
  Alert,
  Badge,
  Button,
  Group,
  Select,
  Stack,
  Table,
  TagsInput,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage, fieldError } from "../../../api/client";
import { usePreviewRows } from "../../../api/contacts";
import type { ColumnMapping, ImportPreview } from "../../../api/types";
import {
  choicesFromMapping,
  choose,
  COLUMN_ROLES,
  hasProblems,
  mappingProblems,
  sameChoices,
  toMapping,
  type ColumnChoice,
} from "./mapping";
import { MappedPreview } from "./MappedPreview";
import { OutletPicker } from "../../../components/OutletPicker";
import { TableHead } from "../../../components/TableHead";

interface Props {
  preview: ImportPreview;
  /** Called with the explicit mapping, or none when the user kept the detected columns. */
  onSubmit: (input: { mapping?: ColumnMapping; labels: string[]; homeOutletId: string | null }) => void;
  onBack: () => void;
  submitting: boolean;
  /** The server's answer to the import, when it refused it. */
  error: unknown;
}

/**
 * Step 2 of the import wizard: what each column becomes (phone, name, label, attribute or
 * ignored), labels for every imported contact, the outlet new contacts are homed in (when
 * the shop has two or more), and the first rows as they would be
 * imported. A phone column is required (several are allowed: every number is kept);
 * attribute keys must be usable in templates.
 */
export function MappingStep({ preview, onSubmit, onBack, submitting, error }: Props) {
  const { t } = useTranslation();
  const suggested = useMemo(() => choicesFromMapping(preview.headers, preview.suggested), [preview]);
  const [choices, setChoices] = useState<ColumnChoice[]>(suggested);
  const [labels, setLabels] = useState<string[]>([]);
  const [homeOutletId, setHomeOutletId] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const tabular = preview.format !== "vcard";
  const problems = mappingProblems(choices);
  const phoneColumns = choices.filter((c) => c.role === "phone").length;
  // Kept as detected: the server detects again (and keeps every phone column of Google/Outlook files).
  const mapping =
    tabular && !(sameChoices(choices, suggested) && !preview.problem)
      ? toMapping(preview.headers, choices)
      : undefined;
  // The preview is read by the server's import code under the mapping the import will get.
  const read = usePreviewRows(
    tabular && !hasProblems(problems)
      ? { format: preview.format, line: preview.line, headers: preview.headers, rows: preview.rows, mapping }
      : null,
  );
  const rows = hasProblems(problems) ? [] : (read.data?.rows ?? []);

  const submit = () => {
    setTried(true);
    if (tabular && hasProblems(problems)) return;
    onSubmit({ mapping, labels, homeOutletId });
  };
  const serverField = fieldError(error, "mapping") ?? fieldError(error, "file");

  return (
    <Stack gap="md" data-testid="mapping-step">
      <Group gap="xs">
        <Text size="sm">{t("contacts.import.detected")}</Text>
        <Badge variant="light" data-testid="detected-format">
          {t(`contacts.import.format.${preview.format}`)}
        </Badge>
      </Group>
      {!tabular && <Text size="sm">{t("contacts.import.vcardAuto")}</Text>}
      {tabular && preview.problem && sameChoices(choices, suggested) && (
        <Alert color="yellow" data-testid="detect-problem">
          {t("contacts.import.noPhoneDetected")}
        </Alert>
      )}
      {tabular && (
        <>
          <Title order={4}>{t("contacts.import.columns")}</Title>
          <Table.ScrollContainer minWidth={560}>
            <Table data-testid="mapping-columns" verticalSpacing="xs">
              <TableHead
                columns={[
                  t("contacts.import.column"),
                  t("contacts.import.example"),
                  t("contacts.import.becomes"),
                ]}
              />
              <Table.Tbody>
                {preview.headers.map((header, i) => (
                  <ColumnRow
                    // biome-ignore lint/suspicious/noArrayIndexKey: two columns may share a header; the column's position is its identity
                    key={`${i}-${header}`}
                    header={header}
                    example={preview.rows.map((r) => r[i]?.trim() ?? "").find(Boolean) ?? ""}
                    choice={choices[i]!}
                    keyProblem={problems.keys[i]}
                    onChange={(c) => setChoices((prev) => choose(prev, i, c))}
                  />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {phoneColumns > 1 && (
            <Text size="sm" c="dimmed" data-testid="several-phones">
              {t("contacts.import.severalPhones")}
            </Text>
          )}
          {problems.phoneMissing && (tried || !sameChoices(choices, suggested)) && (
            <Text c="red" size="sm" role="alert" data-testid="phone-required">
              {t("contacts.import.phoneRequired")}
            </Text>
          )}
        </>
      )}
      <TagsInput
        label={t("contacts.import.labelsForAll")}
        description={t("contacts.import.labelsForAllHint")}
        value={labels}
        onChange={setLabels}
        maxTags={20}
        clearable
        data-testid="import-labels"
      />
      <OutletPicker
        label={t("settings.outlets.home")}
        value={homeOutletId}
        onChange={setHomeOutletId}
        error={fieldError(error, "homeOutletId")}
        testId="import-outlet"
      />
      {tabular && (
        <>
          <Title order={4}>{t("contacts.import.previewTitle", { count: rows.length })}</Title>
          {read.error ? (
            <Alert color="red" data-testid="preview-error">
              {errorMessage(read.error)}
            </Alert>
          ) : (
            <MappedPreview rows={rows} extraLabels={labels} />
          )}
        </>
      )}
      {error !== null && error !== undefined && (
        <Alert color="red" role="alert" data-testid="import-error">
          {serverField ?? errorMessage(error)}
        </Alert>
      )}
      <Group justify="space-between">
        <Button variant="default" onClick={onBack}>
          {t("common.back")}
        </Button>
        <Button onClick={submit} loading={submitting} data-testid="import-submit">
          {t("contacts.import.submit")}
        </Button>
      </Group>
    </Stack>
  );
}

function ColumnRow({
  header,
  example,
  choice,
  keyProblem,
  onChange,
}: {
  header: string;
  example: string;
  choice: ColumnChoice;
  keyProblem: "invalid" | "duplicate" | undefined;
  onChange: (c: ColumnChoice) => void;
}) {
  const { t } = useTranslation();
  return (
    <Table.Tr data-testid="mapping-column" data-column={header}>
      <Table.Td>
        <Text size="sm" fw={500}>
          {header || "—"}
        </Text>
      </Table.Td>
      <Table.Td maw={220}>
        <Text size="sm" c="dimmed" truncate>
          {example || "—"}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <Select
            aria-label={t("contacts.import.roleOf", { column: header })}
            data={COLUMN_ROLES.map((r) => ({ value: r, label: t(`contacts.import.role.${r}`) }))}
            value={choice.role}
            onChange={(v) => v && onChange({ ...choice, role: v as ColumnChoice["role"] })}
            allowDeselect={false}
            w={170}
            comboboxProps={{ withinPortal: true }}
          />
          {choice.role === "attribute" && (
            <TextInput
              aria-label={t("contacts.import.keyOf", { column: header })}
              value={choice.key}
              onChange={(e) => onChange({ ...choice, key: e.currentTarget.value })}
              error={keyProblem ? t(`contacts.import.key.${keyProblem}`) : undefined}
              w={170}
              leftSection={<Text size="xs">{"{{"}</Text>}
            />
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
