/**
 * WhatsApp JIDs ↔ E.164 numbers. Since 2025 WhatsApp addresses many chats by a LID
 * ("1234…@lid", a privacy id) instead of the phone-number JID ("6281…@s.whatsapp.net");
 * Baileys v7 tells the other form when it knows it (the message key's `remoteJidAlt`, and
 * `lid-mapping.update` events). Kabar keys contacts by phone, so each LID is mapped back.
 */
import { isLidUser, isPnUser, jidDecode, jidNormalizedUser } from "baileys";
import type { Logger } from "pino";
import type { E164 } from "../transport.js";
import type { SocketLike } from "./socket.js";
import type { JidDirectory } from "./store.js";

/** True for "+" and 7 to 15 digits, the first not 0 (ITU-T E.164, as `phoneToJid` accepts). */
export function isE164(phone: string): boolean {
  return /^\+[1-9]\d{6,14}$/.test(phone);
}

/**
 * The E.164 number of a phone-number JID ("6281234567890:3@s.whatsapp.net" →
 * "+6281234567890"), or null for any other JID (LID, group, broadcast, newsletter).
 */
export function phoneOfJid(jid: string | null | undefined): E164 | null {
  if (!jid || !isPnUser(jid)) return null;
  const user = jidDecode(jid)?.user;
  return user && isE164(`+${user}`) ? `+${user}` : null;
}

/** True for a one-to-one chat with a person (phone-number JID or LID), not a group or status. */
export function isPersonJid(jid: string | null | undefined): jid is string {
  return Boolean(jid && (isPnUser(jid) || isLidUser(jid)));
}

/**
 * Finds the customer's number behind a JID and records LIDs for contacts: learnt pairs are
 * kept in memory for the session and written to `whatsapp_jids` once the tenant has the
 * contact (a new customer's contact is created by the inbox after the first message, so
 * linking is tried again on later events until it succeeds).
 */
export class JidResolver {
  private readonly lidToPhone = new Map<string, E164>();
  private readonly recorded = new Set<string>();

  constructor(
    private readonly directory: JidDirectory,
    private readonly socket: () => SocketLike | null,
    private readonly log: Logger,
  ) {}

  /**
   * Learns that `lid` and the phone-number JID `pnJid` are one person (Baileys v7
   * `lid-mapping.update`, or a key carrying both) and records the LID for the contact.
   * Never throws: a failed write is logged and tried again next time.
   */
  async learn(lid: string, pnJid: string): Promise<void> {
    const phone = phoneOfJid(pnJid);
    if (!phone || !isLidUser(lid)) return;
    const key = jidNormalizedUser(lid);
    this.lidToPhone.set(key, phone);
    if (this.recorded.has(key)) return;
    try {
      if (await this.directory.link(key, phone)) this.recorded.add(key);
    } catch (err) {
      this.log.warn({ err, lid: key }, "recording a WhatsApp LID for a contact failed");
    }
  }

  /**
   * The customer's number for a chat: `jid` is the key's `remoteJid` and `alt` its
   * `remoteJidAlt` (in v7 one of them may be a LID). A LID alone is resolved through this
   * session's pairs, Baileys' own LID store, then `whatsapp_jids`. Null when unknown.
   */
  async phoneOf(jid: string | null | undefined, alt?: string | null): Promise<E164 | null> {
    const pn = [jid, alt].find((j) => phoneOfJid(j));
    const lid = [jid, alt].find((j): j is string => Boolean(j && isLidUser(j)));
    if (pn) {
      if (lid) await this.learn(lid, pn);
      return phoneOfJid(pn);
    }
    if (!lid) return null;
    const key = jidNormalizedUser(lid);
    const known = this.lidToPhone.get(key);
    if (known) return known;
    const fromBaileys = await this.socket()
      ?.signalRepository?.lidMapping.getPNForLID(key)
      .catch(() => null);
    if (fromBaileys && phoneOfJid(fromBaileys)) {
      await this.learn(key, fromBaileys);
      return phoneOfJid(fromBaileys);
    }
    const fromContacts = await this.directory.phoneOf(key).catch((err: unknown) => {
      this.log.warn({ err, lid: key }, "looking up a WhatsApp LID failed");
      return null;
    });
    if (fromContacts) this.lidToPhone.set(key, fromContacts);
    return fromContacts;
  }
}
