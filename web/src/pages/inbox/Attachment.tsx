import { ActionIcon, Group, Image, Loader, Paper, Text } from "@mantine/core";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

/** The paperclip: opens the file picker and hands the picked file on. */
export function AttachButton({ onPick, disabled }: { onPick: (file: File) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input}
        type="file"
        hidden
        data-testid="composer-file"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = "";
          if (file) onPick(file);
        }}
      />
      <ActionIcon
        size="lg"
        radius="xl"
        variant="subtle"
        color="gray"
        disabled={disabled}
        onClick={() => input.current?.click()}
        aria-label={t("inbox.composer.attach")}
        data-testid="composer-attach"
      >
        <svg
          width="18"
          height="18"
          viewBox="0 0 24 24"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
          aria-hidden="true"
        >
          <path d="M21.4 11.1l-9.2 9.2a6 6 0 0 1-8.5-8.5l9.2-9.2a4 4 0 0 1 5.7 5.7l-9.2 9.2a2 2 0 0 1-2.8-2.8l8.5-8.5" />
        </svg>
      </ActionIcon>
    </>
  );
}

/**
 * The attached file above the reply box: an image's thumbnail or the file's name, a
 * spinner while it uploads, the server's reason when it was refused, and a remove (x) button.
 */
export function AttachmentPreview({
  file,
  uploading,
  error,
  onRemove,
}: {
  file: File;
  uploading: boolean;
  error: string | null;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    if (!file.type.startsWith("image/") || typeof URL.createObjectURL !== "function") return;
    const url = URL.createObjectURL(file);
    setSrc(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);
  return (
    <Paper withBorder p={6} mb={6} data-testid="composer-attachment">
      <Group gap="xs" wrap="nowrap">
        {src ? (
          <Image src={src} alt={file.name} w={48} h={48} fit="cover" radius="sm" />
        ) : (
          <Text aria-hidden="true">📎</Text>
        )}
        <div style={{ flex: 1, minWidth: 0 }}>
          <Text size="sm" truncate>
            {file.name}
          </Text>
          {uploading && (
            <Group gap={4}>
              <Loader size={12} />
              <Text size="xs" c="dimmed">
                {t("inbox.composer.uploading")}
              </Text>
            </Group>
          )}
          {error && (
            <Text size="xs" c="red" role="alert" data-testid="composer-attachment-error">
              {error}
            </Text>
          )}
        </div>
        <ActionIcon
          variant="subtle"
          color="gray"
          onClick={onRemove}
          aria-label={t("inbox.composer.removeAttachment")}
          data-testid="composer-attachment-remove"
        >
          ✕
        </ActionIcon>
      </Group>
    </Paper>
  );
}
