import { Autocomplete, Button, Group, Paper, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage, fieldError } from "../../api/client";
import { useBulkDelete, useBulkLabel, useLabels } from "../../api/contacts";
import { useCan } from "../../api/session";
import { ConfirmButton } from "../../components/ConfirmButton";
import { useFormat } from "../../lib/useFormat";

/**
 * Actions on the selected contacts: add or remove a label (`contacts.update`), delete after
 * confirming the count (`contacts.delete`).
 */
export function BulkBar({ ids, onDone }: { ids: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const labels = useLabels();
  const [label, setLabel] = useState("");
  const bulkLabel = useBulkLabel();
  const bulkDelete = useBulkDelete();
  const n = f.number(ids.length);
  const can = useCan();

  const changeLabel = (mode: "add" | "remove") =>
    bulkLabel.mutate(
      { contactIds: ids, [mode]: [label.trim()] },
      {
        onSuccess: ({ updated }) => {
          notifications.show({
            color: "teal",
            message: t(`contacts.bulk.${mode === "add" ? "labelAdded" : "labelRemoved"}`, {
              label: label.trim(),
              n: f.number(updated),
            }),
          });
          setLabel("");
        },
      },
    );
  const labelError =
    fieldError(bulkLabel.error, "add", "remove") ??
    (bulkLabel.error && !fieldError(bulkLabel.error, "add", "remove")
      ? errorMessage(bulkLabel.error)
      : undefined);

  return (
    <Paper withBorder p="sm" radius="md" bg="var(--mantine-color-teal-light)" data-testid="bulk-bar">
      <Group gap="sm" align="flex-start" wrap="wrap">
        <Text size="sm" fw={600} mt={6} data-testid="bulk-count">
          {t("contacts.bulk.selected", { count: ids.length, n })}
        </Text>
        {can("contacts.update") && (
          <>
            <Autocomplete
              aria-label={t("contacts.bulk.label")}
              placeholder={t("contacts.bulk.label")}
              data={(labels.data ?? []).map((l) => l.label)}
              value={label}
              onChange={setLabel}
              error={labelError}
              w={200}
              data-testid="bulk-label-input"
            />
            <Button
              variant="light"
              disabled={!label.trim()}
              loading={bulkLabel.isPending}
              onClick={() => changeLabel("add")}
              data-testid="bulk-label-add"
            >
              {t("contacts.bulk.addLabel")}
            </Button>
            <Button
              variant="subtle"
              disabled={!label.trim()}
              loading={bulkLabel.isPending}
              onClick={() => changeLabel("remove")}
            >
              {t("contacts.bulk.removeLabel")}
            </Button>
          </>
        )}
        {can("contacts.delete") && (
          <ConfirmButton
            color="red"
            variant="light"
            loading={bulkDelete.isPending}
            title={t("contacts.bulk.deleteTitle", { count: ids.length, n })}
            message={t("contacts.bulk.deleteMessage", { count: ids.length, n })}
            confirmLabel={t("contacts.bulk.deleteConfirm", { count: ids.length, n })}
            onConfirm={() =>
              bulkDelete.mutate(ids, {
                onSuccess: ({ deleted }) => {
                  notifications.show({
                    color: "teal",
                    message: t("contacts.bulk.deleted", { count: deleted, n: f.number(deleted) }),
                  });
                  onDone();
                },
                onError: (err) => notifications.show({ color: "red", message: errorMessage(err) }),
              })
            }
            data-testid="bulk-delete"
          >
            {t("contacts.bulk.delete")}
          </ConfirmButton>
        )}
        <Button variant="subtle" color="gray" onClick={onDone}>
          {t("contacts.bulk.clear")}
        </Button>
      </Group>
    </Paper>
  );
}
