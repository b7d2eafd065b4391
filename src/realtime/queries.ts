import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { channels } from "../db/schema/index.js";

/** The tenant of a channel, by its id or (sandbox channels) by its number; null when unknown. */
export async function channelTenant(
  db: Db,
  by: { id: string } | { sandboxPhone: string },
): Promise<{ channelId: string; tenantId: string } | null> {
  const where =
    "id" in by
      ? eq(channels.id, by.id)
      : and(eq(channels.kind, "sandbox"), eq(channels.phone, by.sandboxPhone));
  const [row] = await db
    .select({ channelId: channels.id, tenantId: channels.tenantId })
    .from(channels)
    .where(where)
    .limit(1);
  return row ?? null;
}
