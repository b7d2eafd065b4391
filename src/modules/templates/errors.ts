/** Errors of Kabar's own message templates. Other modules use `invalidMessage` and `unknownTemplate`. */
import { type Bilingual, defineErrors } from "../../lib/errors.js";

/** The templates module's catalogue. */
export const templateErrors = defineErrors({
  notFound: {
    code: "template_not_found",
    status: 404,
    when: "The template in the path does not exist in the shop.",
    message: { id: "Template tidak ditemukan", en: "template not found" },
  },
  unknownTemplate: {
    code: "unknown_template",
    status: 400,
    when: "A body field (a campaign's or a preview's `templateId`) names a template that does not exist in the shop.",
    message: (p: { field: string }) => ({
      id: "Template tidak ditemukan",
      en: "Unknown template",
      fields: { [p.field]: "unknown template" },
    }),
  },
  invalidMessage: {
    code: "invalid_template",
    status: 400,
    when: "A message body or its media breaks the template rules (placeholders, length, media kind); `fields` names each problem.",
    message: (p: { list: Bilingual; fields: Record<string, Bilingual> }) => ({
      id: `Pesan tidak valid: ${p.list.id}`,
      en: `Invalid message: ${p.list.en}`,
      fields: p.fields,
    }),
  },
  bodyRequired: {
    code: "body_required",
    status: 400,
    when: "A preview has neither a body nor a template.",
    message: {
      id: "Isi pesan atau pilih template",
      en: "Give a body or a templateId",
      fields: { body: "required" },
    },
  },
});
