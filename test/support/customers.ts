/**
 * Customers on the sandbox network for integration tests: a virtual phone registered for
 * the test Kabar's shop, and that customer writing to one of its numbers.
 */
import { and, eq } from "drizzle-orm";
import type { VirtualPhone } from "../../src/channels/sandbox/behaviour.js";
import { messages } from "../../src/db/schema/index.js";
import type { Bus } from "../../src/lib/bus.js";
import type { ConversationDto } from "../../src/modules/inbox/schemas.js";
import { ok, type Api } from "./api.js";
import type { TestKabar } from "./kabar.js";
import { waitFor } from "./wait.js";

/**
 * Registers a virtual customer for the shop (on WhatsApp, never reading or answering by
 * itself unless `overrides` say so) and resolves with its phone (E.164).
 */
export async function sandboxCustomer(
  k: TestKabar,
  customer: Pick<VirtualPhone, "phone" | "name"> & Partial<VirtualPhone>,
): Promise<string> {
  const phone: VirtualPhone = { onWhatsApp: true, readRate: 0, replyRate: 0, latencyMs: 100, ...customer };
  await k.sandboxStore.savePhonesFor(k.owner.tenantId, [phone]);
  await k.sandbox.addPhones([phone]);
  return phone.phone;
}

/**
 * The customer at `phone` writes `text` to the sandbox number `channelId`; resolves with
 * their conversation once the inbox stored that message (its last message is `text`) and
 * announced it on `bus` (the intake emits `conversation.opened` and `message.new` just
 * after its commit, so the API may show the message before assignment or auto-replies
 * heard of it).
 */
export async function customerWrites(
  api: Api,
  bus: Bus,
  channelId: string,
  phone: string,
  text: string,
): Promise<ConversationDto> {
  const announced = new Set<string>();
  const off = bus.on("message.new", (e) => {
    if (e.direction === "in" && e.channelId === channelId && e.conversationId)
      announced.add(e.conversationId);
  });
  try {
    await ok(api("POST", `/sandbox/phones/${encodeURIComponent(phone)}/messages`, { channelId, text }));
    return await waitFor(async () => {
      const [c] = await ok(
        api<ConversationDto[]>("GET", `/conversations?search=${encodeURIComponent(phone)}`),
      );
      return c?.lastMessage?.text === text && announced.has(c.id) ? c : undefined;
    });
  } finally {
    off();
  }
}

/**
 * The customer at `phone` writes `text` from their phone through the sandbox network to
 * the number `channelId` (`POST /sandbox/phones/:phone/messages` as `api`'s user); resolves
 * with the stored message's id (messages.id) once the inbox has it.
 */
export async function phoneWrites(
  k: TestKabar,
  api: Api,
  channelId: string,
  phone: string,
  text: string,
): Promise<string> {
  const { messageId } = await ok(
    api<{ messageId: string }>("POST", `/sandbox/phones/${encodeURIComponent(phone)}/messages`, {
      channelId,
      text,
    }),
  );
  return waitFor(
    async () =>
      (
        await k.database.db
          .select({ id: messages.id })
          .from(messages)
          .where(and(eq(messages.channelId, channelId), eq(messages.externalId, messageId)))
      )[0]?.id,
  );
}
