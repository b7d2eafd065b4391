/**
 * The composer's rules, kept pure for tests: the "/" quick-reply picker and the Cloud API
 * 24-hour customer-service window (after it WhatsApp accepts only approved templates —
 * Meta's rule, enforced by the server too).
 */
import type { Conversation, QuickReply } from "../../api/inbox";

/** What follows a leading "/" while no space was typed yet ("/sal" → "sal"), else null. */
export function slashQuery(text: string): string | null {
  const m = /^\/(\S*)$/.exec(text);
  return m ? m[1]!.toLowerCase() : null;
}

/** Quick replies for a slash query: shortcuts starting with it first, then those containing it; at most `limit`. */
export function matchQuickReplies(replies: QuickReply[], query: string, limit = 8): QuickReply[] {
  const starts = replies.filter((r) => r.shortcut.startsWith(query));
  const contains = replies.filter((r) => !r.shortcut.startsWith(query) && r.shortcut.includes(query));
  const byShortcut = (a: QuickReply, b: QuickReply) => a.shortcut.localeCompare(b.shortcut);
  return [...starts.sort(byShortcut), ...contains.sort(byShortcut)].slice(0, limit);
}

/**
 * What the composer may send now: free text, or (Cloud API, window closed or never opened
 * by the customer) approved templates only. `closesAt`: when an open Cloud API window ends.
 */
type ComposerMode =
  | { kind: "free"; closesAt: Date | null }
  | { kind: "templates"; reason: "closed" | "never" };

/** The composer's mode for a conversation at `now` (epoch ms). */
export function composerMode(
  c: Pick<Conversation, "channelKind" | "windowExpiresAt">,
  now: number,
): ComposerMode {
  if (c.channelKind !== "cloud_api") return { kind: "free", closesAt: null };
  if (!c.windowExpiresAt) return { kind: "templates", reason: "never" };
  const closesAt = new Date(c.windowExpiresAt);
  return closesAt.getTime() > now ? { kind: "free", closesAt } : { kind: "templates", reason: "closed" };
}

/** The BODY text of a Graph API template's `components` (a preview; empty when none). */
export function templateBodyText(components: unknown): string {
  if (!Array.isArray(components)) return "";
  const body = components.find(
    (c) =>
      typeof c === "object" && c !== null && String((c as { type?: unknown }).type).toUpperCase() === "BODY",
  ) as { text?: unknown } | undefined;
  return typeof body?.text === "string" ? body.text : "";
}

/** How many {{1}}, {{2}}… parameters the template's BODY takes (the highest number used). */
export function templateParamCount(components: unknown): number {
  const numbers = [...templateBodyText(components).matchAll(/\{\{\s*(\d+)\s*\}\}/g)].map((m) => Number(m[1]));
  return numbers.length ? Math.max(...numbers) : 0;
}

/** The kind of file a template's HEADER takes (Meta's `format`), or null for a text header or none. */
export function templateHeaderMedia(components: unknown): "image" | "video" | "document" | null {
  if (!Array.isArray(components)) return null;
  const header = components.find(
    (c) =>
      typeof c === "object" &&
      c !== null &&
      String((c as { type?: unknown }).type).toUpperCase() === "HEADER",
  ) as { format?: unknown } | undefined;
  const format = String(header?.format ?? "").toUpperCase();
  return format === "IMAGE"
    ? "image"
    : format === "VIDEO"
      ? "video"
      : format === "DOCUMENT"
        ? "document"
        : null;
}
