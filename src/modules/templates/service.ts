import type { Db } from "../../db/client.js";
import { requirePermission, type Actor } from "../../lib/actor.js";
import type { Bilingual } from "../../lib/errors.js";
import { contactErrors, type ContactService } from "../contacts/index.js";
import { checkAttachment } from "../media/index.js";
import { templateErrors } from "./errors.js";
import { validateMessage } from "./message.js";
import {
  deleteTemplate,
  insertTemplate,
  listTemplates,
  templateById,
  updateTemplate,
  type TemplateRow,
} from "./queries.js";
import { parseTemplate, renderTemplate } from "./render.js";
import type { TemplateDto, TemplateInput } from "./schemas.js";

/**
 * Checks a message body and media.
 * @throws KabarError 400 `invalid_template` naming each bad field.
 */
export function assertValidMessage(body: string, media: unknown): void {
  const fields: Record<string, Bilingual> = {};
  for (const e of validateMessage({ body, media: media ?? undefined })) {
    const had = fields[e.field];
    fields[e.field] = had
      ? { id: `${had.id}; ${e.message.id}`, en: `${had.en}; ${e.message.en}` }
      : e.message;
  }
  if (Object.keys(fields).length > 0) {
    const list = (lang: "id" | "en") =>
      Object.entries(fields)
        .map(([k, v]) => `${k}: ${v[lang]}`)
        .join("; ");
    throw templateErrors.invalidMessage({ list: { id: list("id"), en: list("en") }, fields });
  }
}

function toDto(t: TemplateRow): TemplateDto {
  const parsed = parseTemplate(t.body);
  return {
    id: t.id,
    name: t.name,
    body: t.body,
    media: t.media ?? null,
    variables: parsed.ok ? parsed.variables : [],
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}

/**
 * The sample customer a message is shown for when no contact is chosen: the template
 * preview and the auto-reply test panel (the web app's PhonePreview names the same one).
 */
export const SAMPLE_CONTACT: { name: string; phone: string; attributes: Record<string, string> } = {
  name: "Budi Santoso",
  phone: "+6281234567890",
  attributes: {},
};

/**
 * Message templates and their preview for a contact. A template's media names one of the
 * shop's uploaded files by id (media module), or an https link.
 */
export function createTemplateService(db: Db, contactService: ContactService) {
  async function row(actor: Actor, id: string): Promise<TemplateRow> {
    const t = await templateById(db, actor.tenantId, id);
    if (!t) throw templateErrors.notFound();
    return t;
  }
  return {
    async list(actor: Actor): Promise<TemplateDto[]> {
      requirePermission(actor, "templates.read");
      const rows = await listTemplates(db, actor.tenantId);
      return rows.map(toDto);
    },
    /** @throws KabarError 404 */
    async get(actor: Actor, id: string): Promise<TemplateDto> {
      requirePermission(actor, "templates.read");
      return toDto(await row(actor, id));
    },
    /** @throws KabarError 400 invalid_template, `unknown_media` (field `media.id`) */
    async create(actor: Actor, input: TemplateInput): Promise<TemplateDto> {
      requirePermission(actor, "templates.create");
      assertValidMessage(input.body, input.media);
      const media = await checkAttachment(db, actor.tenantId, input.media ?? null);
      return toDto(await insertTemplate(db, actor.tenantId, { name: input.name, body: input.body, media }));
    },
    /** @throws KabarError 404 (the template), 400 (also `unknown_media` for `media.id`) */
    async update(actor: Actor, id: string, input: TemplateInput): Promise<TemplateDto> {
      requirePermission(actor, "templates.update");
      assertValidMessage(input.body, input.media);
      await row(actor, id);
      const media = await checkAttachment(db, actor.tenantId, input.media ?? null);
      const t = await updateTemplate(db, actor.tenantId, id, { name: input.name, body: input.body, media });
      return toDto(t!);
    },
    /** @throws KabarError 404 */
    async remove(actor: Actor, id: string): Promise<void> {
      requirePermission(actor, "templates.delete");
      await row(actor, id);
      await deleteTemplate(db, actor.tenantId, id);
    },
    /**
     * Renders a template (saved or given inline) for a contact, or for a sample contact
     * ("Budi Santoso") when none is named. `missing` lists variables without a value.
     * @throws KabarError 400 `body_required` when neither body nor templateId is given,
     *   `unknown_template` / `unknown_contact` (naming the field) for an id not in the shop.
     */
    async preview(
      actor: Actor,
      input: { templateId?: string; body?: string; contactId?: string; columns?: string[]; seed?: string },
    ) {
      const t = input.templateId ? await templateById(db, actor.tenantId, input.templateId) : null;
      if (input.templateId && !t) throw templateErrors.unknownTemplate({ field: "templateId" });
      const body = input.body ?? t?.body;
      if (body === undefined) throw templateErrors.bodyRequired();
      const contact = input.contactId ? await contactService.find(actor, input.contactId) : SAMPLE_CONTACT;
      if (!contact) throw contactErrors.unknownContact({ field: "contactId" });
      const r = renderTemplate(
        body,
        {
          name: contact.name ?? undefined,
          phone: contact.phone,
          attributes: contact.attributes,
          columns: input.columns,
        },
        input.seed ?? "preview",
      );
      return { text: r.text, missing: r.missing, media: t?.media ?? null };
    },
  };
}
