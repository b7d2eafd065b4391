import {
  Accordion,
  Alert,
  Button,
  Code,
  Grid,
  Group,
  List,
  Paper,
  Stack,
  Text,
  TextInput,
  Textarea,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { errorMessage, fieldError } from "../../api/client";
import { useAttributeKeys, useContacts } from "../../api/contacts";
import { useSaveTemplate, useTemplate } from "../../api/templates";
import type { Contact, Template, TemplateMedia } from "../../api/types";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { attributeVariables, insertAt } from "./editing";
import { MediaField } from "./MediaField";
import { PhonePreview } from "./PhonePreview";
import { VariablePicker } from "./VariablePicker";

/** /templates/new and /templates/:id: the editor, loaded with the template when it exists. */
export function TemplateEditorPage() {
  const { id } = useParams();
  const query = useTemplate(id ?? null);
  if (!id) return <TemplateEditor template={null} />;
  return <QueryState query={query}>{(tpl) => <TemplateEditor template={tpl} />}</QueryState>;
}

/** Spintax and variable syntax, shown as examples (values, so i18next leaves the braces alone). */
const SYNTAX = {
  name: "{{name}}",
  fallback: "{{name|kak}}",
  attribute: "{{kota}}",
  column: "{{1}}",
  spin: "{Halo|Hai|Selamat pagi}",
  nested: "{Halo {kak|bu}|Hai}",
};

function TemplateEditor({ template }: { template: Template | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const save = useSaveTemplate(template?.id ?? null);
  const [name, setName] = useState(template?.name ?? "");
  const [body, setBody] = useState(template?.body ?? "");
  const [media, setMedia] = useState<TemplateMedia | null>(template?.media ?? null);
  const [search, setSearch] = useState("");
  const [debouncedSearch] = useDebouncedValue(search, 300);
  const [contact, setContact] = useState<Contact | null>(null);
  const contacts = useContacts(debouncedSearch, 1);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const attributeKeys = useAttributeKeys();
  const attributes = attributeVariables([
    ...(attributeKeys.data ?? []).map((a) => ({ attributes: { [a.key]: "" } })),
    ...(contacts.data?.items ?? []),
    ...(contact ? [contact] : []),
  ]);
  const err = save.error;
  const generalError =
    err && !Object.keys((err as { fields?: object }).fields ?? {}).length ? errorMessage(err) : null;

  const insert = (markup: string) => {
    const el = textarea.current;
    const next = insertAt(body, el?.selectionStart ?? body.length, el?.selectionEnd ?? body.length, markup);
    setBody(next.text);
    edited();
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(next.caret, next.caret);
    });
  };
  const [nameMissing, setNameMissing] = useState(false);
  /** An edit makes the server's last verdict stale: its field errors go until the next save. */
  const edited = () => {
    if (save.error) save.reset();
  };
  const submit = () => {
    setNameMissing(!name.trim());
    if (!name.trim()) return;
    save.mutate(
      { name: name.trim(), body, media },
      {
        onSuccess: (saved) => {
          notifications.show({ color: "teal", message: t("templateEditor.saved", { name: saved.name }) });
          if (!template) void navigate(`/templates/${saved.id}`, { replace: true });
        },
      },
    );
  };

  return (
    <>
      <PageHeader title={template ? template.name : t("templateEditor.newTitle")}>
        <Button variant="default" onClick={() => void navigate("/templates")}>
          {t("common.back")}
        </Button>
        <Button onClick={submit} loading={save.isPending} data-testid="template-save">
          {t("templateEditor.save")}
        </Button>
      </PageHeader>
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Paper withBorder p="md" radius="md">
            <Stack>
              {generalError && (
                <Alert color="red" role="alert">
                  {generalError}
                </Alert>
              )}
              <TextInput
                label={t("templateEditor.name")}
                placeholder={t("templateEditor.namePlaceholder")}
                required
                value={name}
                onChange={(e) => {
                  setName(e.currentTarget.value);
                  setNameMissing(false);
                  edited();
                }}
                error={nameMissing ? t("templateEditor.nameRequired") : fieldError(err, "name")}
                data-testid="template-name"
              />
              <VariablePicker attributes={attributes} onInsert={insert} />
              <Textarea
                ref={textarea}
                label={t("templateEditor.message")}
                placeholder={t("templateEditor.messagePlaceholder", SYNTAX)}
                autosize
                minRows={6}
                value={body}
                onChange={(e) => {
                  setBody(e.currentTarget.value);
                  edited();
                }}
                error={fieldError(err, "body")}
                description={t("templateEditor.length", { n: [...body].length, max: media ? 1024 : 4096 })}
                data-testid="template-body"
              />
              <MediaField
                value={media}
                onChange={(m) => {
                  setMedia(m);
                  edited();
                }}
                error={fieldError(err, "media")}
              />
              <Accordion variant="contained">
                <Accordion.Item value="help">
                  <Accordion.Control>{t("templateEditor.helpTitle")}</Accordion.Control>
                  <Accordion.Panel>
                    <List size="sm" spacing={6}>
                      <List.Item>
                        <Code>{SYNTAX.name}</Code> {t("templateEditor.help.name")}
                      </List.Item>
                      <List.Item>
                        <Code>{SYNTAX.fallback}</Code> {t("templateEditor.help.fallback")}
                      </List.Item>
                      <List.Item>
                        <Code>{SYNTAX.attribute}</Code> {t("templateEditor.help.attribute")}
                      </List.Item>
                      <List.Item>
                        <Code>{SYNTAX.column}</Code> {t("templateEditor.help.column")}
                      </List.Item>
                      <List.Item>
                        <Code>{SYNTAX.spin}</Code> {t("templateEditor.help.spin")}
                      </List.Item>
                      <List.Item>
                        <Code>{SYNTAX.nested}</Code> {t("templateEditor.help.nested")}
                      </List.Item>
                    </List>
                    <Text size="xs" c="dimmed" mt="sm">
                      {t("templateEditor.help.why")}
                    </Text>
                  </Accordion.Panel>
                </Accordion.Item>
              </Accordion>
              <Group justify="flex-end" hiddenFrom="md">
                <Button onClick={submit} loading={save.isPending}>
                  {t("templateEditor.save")}
                </Button>
              </Group>
            </Stack>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder p="md" radius="md">
            <PhonePreview
              body={body}
              media={media}
              contacts={contacts.data?.items ?? []}
              contact={contact}
              onSearch={setSearch}
              onContact={setContact}
            />
          </Paper>
        </Grid.Col>
      </Grid>
    </>
  );
}
