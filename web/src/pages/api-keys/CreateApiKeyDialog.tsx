import { Alert, Button, Checkbox, Code, Group, Modal, Stack, TextInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { API_SCOPES, type ApiScope, type CreatedApiKey, useCreateApiKey } from "../../api/apiKeys";
import { errorMessage, fieldError } from "../../api/client";
import { ShownOnce } from "../../components/ShownOnce";
import { scopeHintKey } from "./scopes";

/**
 * The dialog that makes an API key: a name and scope checkboxes (each with what it allows),
 * then the whole key, shown this once with a copy button and a warning that it will not be
 * shown again (the server keeps only its hash).
 */
export function CreateApiKeyDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateApiKey();
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<ApiScope[]>([]);
  const [missing, setMissing] = useState({ name: false, scopes: false });
  const [made, setMade] = useState<CreatedApiKey | null>(null);
  const close = () => {
    setName("");
    setScopes([]);
    setMissing({ name: false, scopes: false });
    setMade(null);
    create.reset();
    onClose();
  };
  const err = create.error;
  const errors = {
    name: missing.name ? t("apiKeys.nameRequired") : fieldError(err, "name"),
    scopes: missing.scopes ? t("apiKeys.scopesRequired") : fieldError(err, "scopes"),
  };
  const general = err && !errors.name && !errors.scopes ? errorMessage(err) : null;
  const submit = () => {
    const gaps = { name: name.trim() === "", scopes: scopes.length === 0 };
    setMissing(gaps);
    if (gaps.name || gaps.scopes) return;
    create.mutate({ name: name.trim(), scopes }, { onSuccess: setMade });
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={made ? t("apiKeys.shownOnceTitle") : t("apiKeys.create")}
      centered
      size="lg"
      // Once the key is shown, only the button closes the dialog: a stray click must not lose it.
      closeOnClickOutside={!made}
    >
      {made ? (
        <ShownOnce
          value={made.key}
          warning={t("apiKeys.shownOnce")}
          words={{ copy: t("apiKeys.copy"), copied: t("apiKeys.copied"), done: t("apiKeys.done") }}
          onDone={close}
          testId="api-key"
        />
      ) : (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <Stack>
            {general && (
              <Alert color="red" role="alert">
                {general}
              </Alert>
            )}
            <TextInput
              label={t("apiKeys.name")}
              description={t("apiKeys.nameHint")}
              required
              value={name}
              onChange={(e) => {
                setName(e.currentTarget.value);
                setMissing((m) => ({ ...m, name: false }));
              }}
              error={errors.name}
              data-testid="api-key-name"
            />
            <Checkbox.Group
              label={t("apiKeys.scopes")}
              required
              value={scopes}
              onChange={(v) => {
                setScopes(API_SCOPES.filter((s) => v.includes(s)));
                setMissing((m) => ({ ...m, scopes: false }));
              }}
              error={errors.scopes}
            >
              <Stack gap="xs" mt="xs">
                {API_SCOPES.map((scope) => (
                  <Checkbox
                    key={scope}
                    value={scope}
                    label={<Code>{scope}</Code>}
                    description={t(scopeHintKey(scope))}
                    data-testid={`api-key-scope-${scope}`}
                  />
                ))}
              </Stack>
            </Checkbox.Group>
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t("apiKeys.cancel")}
              </Button>
              <Button type="submit" loading={create.isPending} data-testid="api-key-submit">
                {t("apiKeys.create")}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
