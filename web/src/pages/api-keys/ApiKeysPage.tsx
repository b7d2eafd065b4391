import { Alert, Badge, Button, Code, Group, Paper, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type ApiKey, useApiKeys, useRevokeApiKey } from "../../api/apiKeys";
import { errorMessage } from "../../api/client";
import { useCan } from "../../api/session";
import { ConfirmButton } from "../../components/ConfirmButton";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { TableHead } from "../../components/TableHead";
import { useFormat } from "../../lib/useFormat";
import { CreateApiKeyDialog } from "./CreateApiKeyDialog";
import { scopeHintKey } from "./scopes";

/**
 * The shop's API keys (`/settings/api-keys`, with `api_keys.read`; linked from the settings page): what
 * they are for (the shop's website sending orders), each key's name, prefix, scopes, last
 * use in the shop's time zone and a revoke button that asks first; a dialog makes a key and
 * shows it once.
 */
export function ApiKeysPage() {
  const { t } = useTranslation();
  const can = useCan();
  const list = useApiKeys(can("api_keys.read"));
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader title={t("apiKeys.title")}>
        {can("api_keys.create") && (
          <Button onClick={() => setCreating(true)} data-testid="api-keys-create">
            {t("apiKeys.create")}
          </Button>
        )}
      </PageHeader>
      <Text c="dimmed" size="sm" mb="md">
        {t("apiKeys.intro")}
      </Text>
      {can("api_keys.read") ? (
        <Paper withBorder radius="md" p="md">
          <QueryState query={list} empty={t("apiKeys.empty")} isEmpty={(keys) => keys.length === 0}>
            {(keys) => <KeyTable keys={keys} />}
          </QueryState>
        </Paper>
      ) : (
        <Alert color="gray" data-testid="api-keys-owner-only">
          {t("apiKeys.ownerOnly")}
        </Alert>
      )}
      <CreateApiKeyDialog opened={creating} onClose={() => setCreating(false)} />
    </>
  );
}

function KeyTable({ keys }: { keys: ApiKey[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const revoke = useRevokeApiKey();
  const mayRevoke = useCan()("api_keys.revoke");
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="sm" data-testid="api-keys-table">
        <TableHead
          columns={[
            t("apiKeys.name"),
            t("apiKeys.prefix"),
            t("apiKeys.scopes"),
            t("apiKeys.lastUsed"),
            t("apiKeys.createdBy"),
            "",
          ]}
        />
        <Table.Tbody>
          {keys.map((key) => (
            <Table.Tr key={key.id} data-testid="api-key-row" data-key-id={key.id}>
              <Table.Td>{key.name}</Table.Td>
              <Table.Td>
                <Code data-testid="api-key-prefix">{`${key.prefix}…`}</Code>
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {key.scopes.map((scope) => (
                    <Badge key={scope} variant="light" tt="none" title={t(scopeHintKey(scope))}>
                      {scope}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td data-testid="api-key-last-used">
                {key.lastUsedAt ? format.dateTime(key.lastUsedAt) : t("apiKeys.never")}
              </Table.Td>
              <Table.Td>{key.createdByName ?? "—"}</Table.Td>
              <Table.Td>
                {key.revokedAt ? (
                  <Badge color="gray" data-testid="api-key-revoked">
                    {t("apiKeys.revoked")}
                  </Badge>
                ) : (
                  mayRevoke && (
                    <ConfirmButton
                      size="xs"
                      variant="light"
                      color="red"
                      title={t("apiKeys.revokeTitle", { name: key.name })}
                      message={t("apiKeys.revokeMessage")}
                      confirmLabel={t("apiKeys.revoke")}
                      loading={revoke.isPending && revoke.variables === key.id}
                      onConfirm={() =>
                        revoke.mutate(key.id, {
                          onSuccess: () =>
                            notifications.show({
                              color: "teal",
                              message: t("apiKeys.revokedDone", { name: key.name }),
                            }),
                          onError: (e) => notifications.show({ color: "red", message: errorMessage(e) }),
                        })
                      }
                      data-testid="api-key-revoke"
                    >
                      {t("apiKeys.revoke")}
                    </ConfirmButton>
                  )
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
