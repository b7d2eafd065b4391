/** Statements of the templates module (the `templates` table's owner); the rules live in `service.ts`. */
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { templates } from "../../db/schema/index.js";

/** A stored template. */
export type TemplateRow = typeof templates.$inferSelect;

/** What a template is written with: its name, `{{variable}}` body and media (checked by the caller). */
interface TemplateWrite {
  name: string;
  body: string;
  media: TemplateRow["media"];
}

/** A shop's template by id. @returns the row, or undefined when the shop has none with that id */
export async function templateById(db: Db, tenantId: string, id: string): Promise<TemplateRow | undefined> {
  const [t] = await db
    .select()
    .from(templates)
    .where(and(eq(templates.tenantId, tenantId), eq(templates.id, id)));
  return t;
}

/** A shop's templates, most recently updated first. */
export async function listTemplates(db: Db, tenantId: string): Promise<TemplateRow[]> {
  return db
    .select()
    .from(templates)
    .where(eq(templates.tenantId, tenantId))
    .orderBy(desc(templates.updatedAt));
}

/** Inserts a template. @returns the new row */
export async function insertTemplate(db: Db, tenantId: string, input: TemplateWrite): Promise<TemplateRow> {
  const [t] = await db
    .insert(templates)
    .values({ tenantId, name: input.name, body: input.body, media: input.media })
    .returning();
  return t!;
}

/** Rewrites a shop's template and sets its `updated_at` to now. @returns the row, or undefined when the shop has none with that id */
export async function updateTemplate(
  db: Db,
  tenantId: string,
  id: string,
  input: TemplateWrite,
): Promise<TemplateRow | undefined> {
  const [t] = await db
    .update(templates)
    .set({ name: input.name, body: input.body, media: input.media, updatedAt: new Date() })
    .where(and(eq(templates.tenantId, tenantId), eq(templates.id, id)))
    .returning();
  return t;
}

/** Deletes a shop's template (nothing when the shop has none with that id). */
export async function deleteTemplate(db: Db, tenantId: string, id: string): Promise<void> {
  await db.delete(templates).where(and(eq(templates.tenantId, tenantId), eq(templates.id, id)));
}
