import "@mantine/dropzone/styles.css";
import { Alert, Group, Stack, Text } from "@mantine/core";
import { Dropzone } from "@mantine/dropzone";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../../api/client";

/** File types the import reads (CSV/TSV text, Excel workbooks, vCard). */
const ACCEPT = {
  "text/csv": [".csv"],
  "text/plain": [".txt", ".tsv"],
  "text/tab-separated-values": [".tsv"],
  "application/vnd.ms-excel": [".csv"],
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": [".xlsx"],
  "text/vcard": [".vcf"],
  "text/x-vcard": [".vcf"],
};

/** Step 1 of the import wizard: drop or pick a file; the server reads its start. */
export function FileStep({
  onFile,
  reading,
  error,
}: {
  onFile: (file: File) => void;
  reading: boolean;
  error: unknown;
}) {
  const { t } = useTranslation();
  const [refused, setRefused] = useState<string | null>(null);
  return (
    <Stack gap="md">
      <Dropzone
        onDrop={(files) => {
          setRefused(null);
          if (files[0]) onFile(files[0]);
        }}
        onReject={(rejections) => setRefused(rejections[0]?.file.name ?? "")}
        loading={reading}
        multiple={false}
        accept={ACCEPT}
        data-testid="import-dropzone"
      >
        <Group justify="center" mih={160} style={{ pointerEvents: "none" }}>
          <Stack gap={4} align="center">
            <Text size="lg">{t("contacts.import.drop")}</Text>
            <Text size="sm" c="dimmed" ta="center">
              {t("contacts.import.formats")}
            </Text>
          </Stack>
        </Group>
      </Dropzone>
      {refused !== null && (
        <Alert color="red" role="alert" data-testid="file-refused">
          {t("contacts.import.refused", { name: refused })}
        </Alert>
      )}
      {error !== null && error !== undefined && (
        <Alert color="red" role="alert" data-testid="preview-error">
          {errorMessage(error)}
        </Alert>
      )}
    </Stack>
  );
}
