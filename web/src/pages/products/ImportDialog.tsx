import { Alert, Button, FileButton, Group, Modal, Stack, Table, Text } from "@mantine/core";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import { useImportProducts } from "../../api/products";

/** Uploads a CSV/XLSX product file and shows what happened: counts and each rejected line's problem. */
export function ImportDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const run = useImportProducts();
  // biome-ignore lint/correctness/useExhaustiveDependencies: a fresh dialog each time it opens
  useEffect(() => {
    if (opened) run.reset();
  }, [opened]);
  const lang = i18n.language === "en" ? "en" : "id";
  const result = run.data;
  return (
    <Modal opened={opened} onClose={onClose} title={t("products.importDialog.title")} size="lg">
      <Stack gap="sm">
        <Text size="sm">{t("products.importDialog.intro")}</Text>
        <Group>
          <FileButton
            accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(file) => file && run.mutate(file)}
          >
            {(props) => (
              <Button {...props} loading={run.isPending} data-testid="products-import-pick">
                {t("products.importDialog.pick")}
              </Button>
            )}
          </FileButton>
        </Group>
        {run.error && (
          <Alert color="red" role="alert">
            {errorMessage(run.error)}
          </Alert>
        )}
        {result && (
          <Stack gap="xs" data-testid="products-import-result">
            <Alert color={result.rejected > 0 ? "yellow" : "teal"}>
              {t("products.importDialog.result", {
                created: result.created,
                updated: result.updated,
                rejected: result.rejected,
              })}
            </Alert>
            {result.errors.length > 0 && (
              <Table.ScrollContainer minWidth={420} mah={320}>
                <Table verticalSpacing={4} data-testid="products-import-errors">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t("products.importDialog.line")}</Table.Th>
                      <Table.Th>{t("products.importDialog.field")}</Table.Th>
                      <Table.Th>{t("products.importDialog.problem")}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {result.errors.map((e) => (
                      <Table.Tr key={`${e.line}-${e.field}`}>
                        <Table.Td>{e.line}</Table.Td>
                        <Table.Td>{e.field}</Table.Td>
                        <Table.Td>{e.message[lang]}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Stack>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("products.importDialog.close")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
