import { Anchor, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { TemplateMedia } from "../api/types";

const ICON: Record<TemplateMedia["type"], string> = { image: "🖼️", video: "🎬", audio: "🎵", document: "📄" };

/** The name a message's file is shown with: its own name, else the last part of its link; null when it has neither. */
function mediaName(media: TemplateMedia): string | null {
  if (media.filename) return media.filename;
  const last = media.url?.split(/[?#]/)[0]?.split("/").pop();
  if (!last) return null;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

interface Props {
  media: TemplateMedia;
  /** Where the browser loads the file (null: Kabar holds no copy, e.g. a Meta media id). */
  src: string | null;
  /** Offer a download link to `src` (the thread); previews of a message not sent yet have none. */
  download?: boolean;
}

/**
 * A message's file as it shows above the text in a bubble: a picture's thumbnail (opens the
 * full picture), for a video, audio or document its icon and file name; with `download`, a
 * link that saves the file under its name. Phrasing content only, so it fits in a bubble's
 * paragraph.
 */
export function MessageMedia({ media, src, download }: Props) {
  const { t } = useTranslation();
  const name = mediaName(media) ?? t(`messageMedia.type.${media.type}`);
  const block = { display: "block", marginBottom: 4 } as const;
  return (
    <Text span display="block" mb={4} data-testid="message-media" data-media-type={media.type}>
      {src && media.type === "image" ? (
        <a href={src} target="_blank" rel="noreferrer" style={block}>
          <img
            src={src}
            alt={name}
            data-testid="media-thumbnail"
            style={{ display: "block", maxWidth: "100%", maxHeight: 240, borderRadius: 6 }}
          />
        </a>
      ) : (
        <Text span size="sm" display="block" data-testid="media-file">
          <span aria-hidden="true">{ICON[media.type]} </span>
          <Text span size="xs" c="dimmed">
            {t(`messageMedia.type.${media.type}`)}:{" "}
          </Text>
          {name}
        </Text>
      )}
      {src && download && (
        <Anchor
          href={src}
          download=""
          size="xs"
          aria-label={t("messageMedia.downloadName", { name })}
          data-testid="media-download"
        >
          ⬇ {t("messageMedia.download")}
        </Anchor>
      )}
    </Text>
  );
}

/** How the text travels with a file (WhatsApp: a caption under a picture, video or document; audio takes none). */
export function CaptionMode({ media, hasText }: { media: TemplateMedia; hasText: boolean }) {
  const { t } = useTranslation();
  const key = !hasText ? "mediaOnly" : media.type === "audio" ? "separate" : "caption";
  return (
    <Text size="xs" c="dimmed" data-testid="caption-mode">
      {t(`messageMedia.caption.${key}`)}
    </Text>
  );
}
