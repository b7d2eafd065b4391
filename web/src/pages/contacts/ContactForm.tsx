import { ActionIcon, Button, Group, Stack, Switch, TagsInput, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, errorMessage, fieldError } from "../../api/client";
import { useUpdateContact } from "../../api/contacts";
import type { Contact } from "../../api/types";
import { OutletPicker } from "../../components/OutletPicker";
import { phoneDetail } from "./import/reasons";

/**
 * Edits a contact: name, phone, labels, attributes, opt-out and (when the shop has two outlets
 * or more) its home outlet; the server's field errors show on the fields.
 */
export function ContactForm({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  const update = useUpdateContact(contact.id);
  const [name, setName] = useState(contact.name ?? "");
  const [phone, setPhone] = useState(contact.phone);
  const [labels, setLabels] = useState(contact.labels);
  const [optedOut, setOptedOut] = useState(contact.optedOut);
  const [homeOutletId, setHomeOutletId] = useState<string | null>(contact.homeOutletId);
  const [attributes, setAttributes] = useState<Array<[string, string]>>(Object.entries(contact.attributes));
  const err = update.error;
  const attrError = fieldError(err, "attributes");
  const code = err instanceof ApiError ? err.code : undefined;
  const phoneError =
    code === "invalid_phone"
      ? t("contacts.detail.invalidPhone", { detail: phoneDetail(t, fieldError(err, "phone") ?? "") })
      : code === "contact_exists"
        ? errorMessage(err)
        : fieldError(err, "phone");
  const otherError =
    err &&
    !phoneError &&
    !["name", "labels", "attributes", "optedOut", "homeOutletId"].some((k) => fieldError(err, k))
      ? errorMessage(err)
      : undefined;

  const save = () =>
    update.mutate(
      {
        name: name.trim() || null,
        phone: phone.trim(),
        labels,
        optedOut,
        ...(homeOutletId !== contact.homeOutletId ? { homeOutletId } : {}),
        attributes: Object.fromEntries(attributes.filter(([k]) => k.trim()).map(([k, v]) => [k.trim(), v])),
      },
      { onSuccess: () => notifications.show({ color: "teal", message: t("contacts.detail.saved") }) },
    );
  const setAttr = (i: number, pair: [string, string]) =>
    setAttributes((prev) => prev.map((p, j) => (j === i ? pair : p)));

  return (
    <Stack gap="sm" data-testid="contact-form">
      <TextInput
        label={t("contacts.name")}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={fieldError(err, "name")}
      />
      <TextInput
        label={t("contacts.phone")}
        value={phone}
        onChange={(e) => setPhone(e.currentTarget.value)}
        error={phoneError}
        data-testid="contact-phone"
      />
      <TagsInput
        label={t("contacts.labels")}
        value={labels}
        onChange={setLabels}
        error={fieldError(err, "labels")}
        clearable
      />
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {t("contacts.attributes")}
        </Text>
        {attributes.map(([k, v], i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: an attribute row being edited may have an empty or duplicate key; its position is its identity
          <Group key={i} gap="xs" wrap="nowrap">
            <TextInput
              aria-label={t("contacts.detail.attrKey")}
              placeholder={t("contacts.detail.attrKey")}
              value={k}
              onChange={(e) => setAttr(i, [e.currentTarget.value, v])}
              w={160}
            />
            <TextInput
              aria-label={t("contacts.detail.attrValue")}
              placeholder={t("contacts.detail.attrValue")}
              value={v}
              onChange={(e) => setAttr(i, [k, e.currentTarget.value])}
              style={{ flex: 1 }}
            />
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={t("contacts.detail.attrRemove")}
              onClick={() => setAttributes((prev) => prev.filter((_, j) => j !== i))}
            >
              ×
            </ActionIcon>
          </Group>
        ))}
        {attrError && (
          <Text size="xs" c="red">
            {attrError}
          </Text>
        )}
        <Button
          variant="subtle"
          size="xs"
          w="fit-content"
          onClick={() => setAttributes((prev) => [...prev, ["", ""]])}
        >
          {t("contacts.detail.attrAdd")}
        </Button>
      </Stack>
      <OutletPicker
        label={t("settings.outlets.home")}
        placeholder={t("settings.outlets.homeDefault")}
        value={homeOutletId}
        onChange={setHomeOutletId}
        error={fieldError(err, "homeOutletId")}
        testId="home-outlet-picker"
      />
      <Switch
        label={t("contacts.detail.optedOut")}
        checked={optedOut}
        onChange={(e) => setOptedOut(e.currentTarget.checked)}
        error={fieldError(err, "optedOut")}
      />
      {otherError && (
        <Text size="sm" c="red" role="alert">
          {otherError}
        </Text>
      )}
      <Group>
        <Button onClick={save} loading={update.isPending} data-testid="contact-save">
          {t("contacts.detail.save")}
        </Button>
      </Group>
    </Stack>
  );
}
