import { Alert, Badge, Box, Button, Group, Select, Stack, Text, Textarea, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useTestMessage } from "../../api/automation";
import { errorMessage, fieldError } from "../../api/client";
import { useContacts } from "../../api/contacts";
import { useTenant } from "../../api/session";
import type { Channel, Contact } from "../../api/types";
import { Bubble } from "../../components/Bubble";
import { SAMPLE_CUSTOMER } from "../templates/editing";
import { ShopDateTimeInput } from "../../components/ShopDateTimeInput";
import { zonedToIso } from "./zonedTime";

/**
 * "Test a message": which enabled rule would answer a text (on a channel, at a time in the
 * shop's zone, from a chosen contact or the sample customer the template preview uses) and
 * what it would say, variables filled. A dry run: nothing is sent or logged.
 */
export function TestPanel({ channels }: { channels: Channel[] }) {
  const { t } = useTranslation();
  const zone = useTenant().data?.timeZone ?? "Asia/Jakarta";
  const [text, setText] = useState("");
  const [channelId, setChannelId] = useState<string | null>(null);
  const [at, setAt] = useState("");
  const [contact, setContact] = useState<Contact | null>(null);
  const [search, setSearch] = useState("");
  const [debouncedSearch] = useDebouncedValue(search, 300);
  const found = useContacts(debouncedSearch, 1).data?.items ?? [];
  const options = [...(contact && !found.some((c) => c.id === contact.id) ? [contact] : []), ...found];
  const test = useTestMessage();
  /** Whom the last answer was written for: the contact chosen when it was asked. */
  const [askedFor, setAskedFor] = useState<Contact | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const when = at ? zonedToIso(at, zone) : null;
    setAskedFor(contact);
    test.mutate({
      text,
      ...(contact ? { contactId: contact.id } : {}),
      ...(channelId ? { channelId } : {}),
      ...(when ? { at: when } : {}),
    });
  };
  const result = test.data;
  const generalError =
    test.error && !fieldError(test.error, "text", "channelId", "at", "contactId")
      ? errorMessage(test.error)
      : null;
  return (
    <Stack gap="sm" data-testid="test-panel">
      <Title order={4}>{t("automation.test.title")}</Title>
      <Text size="xs" c="dimmed">
        {t("automation.test.hint")}
      </Text>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Textarea
            label={t("automation.test.text")}
            autosize
            minRows={2}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            error={fieldError(test.error, "text")}
            data-testid="test-text"
          />
          <Select
            label={t("automation.test.contact")}
            placeholder={t("templateEditor.sampleContact", { name: SAMPLE_CUSTOMER.name })}
            searchable
            clearable
            onSearchChange={setSearch}
            value={contact?.id ?? null}
            onChange={(id) => setContact(options.find((c) => c.id === id) ?? null)}
            data={options.map((c) => ({ value: c.id, label: c.name ? `${c.name} (${c.phone})` : c.phone }))}
            nothingFoundMessage={t("templateEditor.noContacts")}
            error={fieldError(test.error, "contactId")}
            data-testid="test-contact"
          />
          <Group grow align="flex-start" wrap="wrap">
            <Select
              label={t("automation.test.channel")}
              placeholder={t("automation.allChannels")}
              data={channels.map((c) => ({ value: c.id, label: c.name }))}
              value={channelId}
              onChange={setChannelId}
              clearable
              error={fieldError(test.error, "channelId")}
              miw={160}
              data-testid="test-channel"
            />
            <ShopDateTimeInput
              label={t("automation.test.at")}
              description={t("automation.test.atHint", { zone })}
              value={at}
              onChange={setAt}
              clearable
              error={fieldError(test.error, "at")}
              miw={160}
              data-testid="test-at"
            />
          </Group>
          <Group justify="flex-end">
            <Button type="submit" loading={test.isPending} disabled={!text.trim()} data-testid="test-submit">
              {t("automation.test.run")}
            </Button>
          </Group>
        </Stack>
      </form>
      {generalError && (
        <Alert color="red" role="alert">
          {generalError}
        </Alert>
      )}
      {result && !test.isPending && (
        <Box data-testid="test-result">
          {result.rule ? (
            <Stack gap="xs">
              <Group gap="xs">
                <Text size="sm">{t("automation.test.answeredBy")}</Text>
                <Text size="sm" fw={600} data-testid="test-rule">
                  {result.rule.name}
                </Text>
                <Badge size="sm" variant="light">
                  {t(`automation.types.${result.rule.type}`)}
                </Badge>
                <Badge size="sm" variant="outline" color="gray">
                  {t("automation.priorityShort", { n: result.rule.priority })}
                </Badge>
              </Group>
              <Box p="sm" bg="#efeae2" style={{ borderRadius: 8 }}>
                <Bubble side="left" testId="test-reply">
                  {result.reply}
                </Bubble>
              </Box>
              <Text size="xs" c="dimmed" data-testid="test-for">
                {t("automation.test.writtenFor", {
                  name: askedFor
                    ? (askedFor.name ?? askedFor.phone)
                    : t("templateEditor.sampleContact", { name: SAMPLE_CUSTOMER.name }),
                })}
              </Text>
            </Stack>
          ) : (
            <Alert color="gray" data-testid="test-none">
              {t("automation.test.none")}
            </Alert>
          )}
        </Box>
      )}
    </Stack>
  );
}
