import { Paper, Stepper } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { previewImport, useImportContacts } from "../../../api/contacts";
import type { ContactImport, ImportPreview } from "../../../api/types";
import { PageHeader } from "../../../components/PageHeader";
import { FileStep } from "./FileStep";
import { ImportResult } from "./ImportResult";
import { MappingStep } from "./MappingStep";

/**
 * The contact import wizard: 1 a file (CSV, XLSX, VCF, Google / Outlook export) read by
 * the server without importing, 2 its columns mapped with a preview of the first rows,
 * 3 the counts of good and rejected rows, with the rejected rows to download.
 */
export function ImportWizardPage() {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [result, setResult] = useState<ContactImport | null>(null);
  const read = useMutation({ mutationFn: previewImport });
  const run = useImportContacts();
  const step = result ? 2 : preview ? 1 : 0;

  const restart = () => {
    setFile(null);
    setPreview(null);
    setResult(null);
    read.reset();
    run.reset();
  };

  return (
    <>
      <PageHeader title={t("contacts.import.title")} />
      <Paper withBorder radius="md" p="md">
        <Stepper active={step} size="sm" mb="lg" allowNextStepsSelect={false}>
          <Stepper.Step label={t("contacts.import.step.file")} description={file?.name} />
          <Stepper.Step label={t("contacts.import.step.map")} />
          <Stepper.Step label={t("contacts.import.step.result")} />
        </Stepper>
        {step === 0 && (
          <FileStep
            reading={read.isPending}
            error={read.error}
            onFile={(f) => {
              setFile(f);
              read.mutate(f, { onSuccess: setPreview });
            }}
          />
        )}
        {step === 1 && preview && file && (
          <MappingStep
            preview={preview}
            submitting={run.isPending}
            error={run.error}
            onBack={restart}
            onSubmit={({ mapping, labels, homeOutletId }) =>
              run.mutate({ file, mapping, labels, homeOutletId }, { onSuccess: setResult })
            }
          />
        )}
        {step === 2 && result && <ImportResult result={result} onAnother={restart} />}
      </Paper>
    </>
  );
}
