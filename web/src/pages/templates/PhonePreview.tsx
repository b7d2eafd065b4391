import { Alert, Anchor, Box, Button, Group, Paper, Select, Stack, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import { mediaSrc, useTemplatePreview } from "../../api/templates";
import type { Contact, TemplateMedia } from "../../api/types";
import { Bubble } from "../../components/Bubble";
import { useFormat } from "../../lib/useFormat";
import { formatPhone } from "../../lib/phone";
import { SAMPLE_CUSTOMER } from "./editing";

interface Props {
  body: string;
  media: TemplateMedia | null;
  /** Contacts to choose from (the picker's search results). */
  contacts: readonly Contact[];
  contact: Contact | null;
  onSearch: (search: string) => void;
  onContact: (contact: Contact | null) => void;
}

/** The sample contact the server renders for when none is chosen (templates service). */
const SAMPLE = SAMPLE_CUSTOMER;

/**
 * The message as it arrives on the customer's phone: rendered by the server for the
 * chosen contact (variables, fallbacks, one spintax variation), media above the text.
 */
export function PhonePreview({ body, media, contacts, contact, onSearch, onContact }: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  const [seed, setSeed] = useState("preview");
  const [debounced] = useDebouncedValue(body, 300);
  const preview = useTemplatePreview({ body: debounced, contactId: contact?.id ?? null, seed });
  const options = [...(contact && !contacts.some((c) => c.id === contact.id) ? [contact] : []), ...contacts];
  const who = contact ? (contact.name ?? formatPhone(contact.phone)) : SAMPLE.name;
  return (
    <Stack gap="sm">
      <Select
        label={t("templateEditor.previewFor")}
        placeholder={t("templateEditor.sampleContact", { name: SAMPLE.name })}
        searchable
        clearable
        onSearchChange={onSearch}
        value={contact?.id ?? null}
        onChange={(id) => onContact(options.find((c) => c.id === id) ?? null)}
        data={options.map((c) => ({
          value: c.id,
          label: c.name ? `${c.name} (${formatPhone(c.phone)})` : formatPhone(c.phone),
        }))}
        nothingFoundMessage={t("templateEditor.noContacts")}
        data-testid="preview-contact"
      />
      <Paper radius={28} p={10} bg="dark.7" maw={360} w="100%" mx="auto" data-testid="phone">
        <Box style={{ borderRadius: 20, overflow: "hidden" }}>
          <Group px="sm" py={8} bg="#075e54" gap="xs" wrap="nowrap">
            <Box w={30} h={30} bg="gray.4" style={{ borderRadius: "50%", flexShrink: 0 }} />
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Text c="white" size="sm" fw={600} truncate data-testid="phone-contact">
                {who}
              </Text>
              <Text c="gray.3" size="xs">
                {formatPhone(contact?.phone ?? SAMPLE.phone)}
              </Text>
            </Stack>
          </Group>
          <Box p="sm" bg="#efeae2" mih={320}>
            {!body.trim() && !media ? (
              <Text size="sm" c="dimmed" ta="center" mt="xl">
                {t("templateEditor.previewEmpty")}
              </Text>
            ) : (
              <Bubble side="right" meta={`${f.time(Date.now())} ✓✓`} testId="phone-preview">
                {media && <MediaView media={media} />}
                {body.trim() ? (preview.data?.text ?? "") : ""}
              </Bubble>
            )}
          </Box>
        </Box>
      </Paper>
      <Group justify="center">
        <Anchor
          component="button"
          type="button"
          size="sm"
          onClick={() => setSeed(Math.random().toString(36).slice(2))}
          data-testid="preview-variation"
        >
          {t("templateEditor.anotherVariation")}
        </Anchor>
      </Group>
      {preview.isError && <Alert color="red">{errorMessage(preview.error)}</Alert>}
      {preview.data && preview.data.missing.length > 0 && (
        <Alert color="yellow" data-testid="preview-missing">
          {t("templateEditor.missing", { names: preview.data.missing.join(", ") })}
        </Alert>
      )}
    </Stack>
  );
}

/** A template's attachment as WhatsApp shows it above the caption. */
function MediaView({ media }: { media: TemplateMedia }) {
  const { t } = useTranslation();
  const src = mediaSrc(media);
  const block = { display: "block", maxWidth: "100%", borderRadius: 6, marginBottom: 4 } as const;
  if (src && media.type === "image")
    return <img src={src} alt={t("templates.mediaType.image")} style={block} data-testid="preview-image" />;
  // biome-ignore lint/a11y/useMediaCaption: previews the shop's own upload, which has no caption track
  if (src && media.type === "video") return <video src={src} controls style={block} />;
  // biome-ignore lint/a11y/useMediaCaption: previews the shop's own upload, which has no caption track
  if (src && media.type === "audio") return <audio src={src} controls style={{ ...block, width: 220 }} />;
  return (
    <Button component="span" variant="default" size="compact-sm" mb={4} style={{ display: "inline-flex" }}>
      📄 {media.filename ?? media.url?.split("/").pop() ?? t("templates.mediaType.document")}
    </Button>
  );
}
