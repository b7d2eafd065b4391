import { renderTemplate } from "../templates/index.js";

/** The contact fields a reply can use ({{name}}, {{phone}}, attributes). */
interface ReplyContact {
  name: string | null;
  /** E.164. */
  phone: string;
  attributes: Record<string, string>;
}

/**
 * Renders a rule's reply for a contact with the template renderer
 * (src/modules/templates/render.ts); the seed (the incoming message id) picks the spintax
 * variation, so the same message always gets the same words.
 */
export function renderReply(body: string, contact: ReplyContact, seed: string): string {
  return renderTemplate(
    body,
    { name: contact.name ?? undefined, phone: contact.phone, attributes: contact.attributes },
    seed,
  ).text;
}
