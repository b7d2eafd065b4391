/**
 * The due list of a day: pending reminders due by the shop's today, grouped per customer
 * into one message with cross-sell suggestions, less those not to send (opted out of
 * everything, said STOP to reminders, or ordered the product again since). Reads only.
 */
import type { Db } from "../../db/client.js";
import type { Actor } from "../../lib/actor.js";
import { zonedParts } from "../../lib/time.js";
import { tenantTimeZone } from "../tenants/index.js";
import { dueRows, settingsRow, suggestionsFor } from "./queries.js";
import { DEFAULT_REMINDER_MESSAGE, renderReminder } from "./render.js";
import type { ReminderMessageDto, ReminderPreviewDto, ReminderSettingsDto } from "./schemas.js";

/** The shop-zone calendar date of `at`, `YYYY-MM-DD`. */
export function shopDate(at: Date, timeZone: string): string {
  const p = zonedParts(at, timeZone);
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

/** The shop's settings, the defaults where it never chose. */
export async function reminderSettingsOf(db: Db, tenantId: string): Promise<ReminderSettingsDto> {
  const [row, timeZone] = await Promise.all([settingsRow(db, tenantId), tenantTimeZone(db, tenantId)]);
  return {
    enabled: row?.enabled ?? false,
    leadDays: row?.leadDays ?? 3,
    sendHour: row?.sendHour ?? 9,
    channelId: row?.channelId ?? null,
    message: row?.message ?? DEFAULT_REMINDER_MESSAGE,
    messageIsDefault: !row?.message,
    waTemplate: row?.waTemplate ?? null,
    crossSell: row?.crossSell ?? true,
    maxSuggestions: row?.maxSuggestions ?? 2,
    timeZone: timeZone ?? "Asia/Jakarta",
    lastRunOn: row?.lastRunOn ?? null,
  };
}

/**
 * The due list of the shop on its calendar day of `now`: one message per customer (their
 * due products, suggestions when cross-sell is on, the rendered text) and the reminders
 * that would be skipped, with why; with `viewer`, only the reminders of orders of its outlets
 * (issue 13). Reads only.
 */
export async function dueReminders(
  db: Db,
  tenantId: string,
  now: Date = new Date(),
  viewer?: Actor,
): Promise<ReminderPreviewDto> {
  const settings = await reminderSettingsOf(db, tenantId);
  const date = shopDate(now, settings.timeZone);
  const rows = await dueRows(db, tenantId, date, viewer);
  const skipped: ReminderPreviewDto["skipped"] = [];
  const byContact = new Map<string, ReminderMessageDto>();
  for (const r of rows) {
    const reason = r.optedOut
      ? "opted_out"
      : r.stopped
        ? "reminders_stopped"
        : r.reordered
          ? "reordered"
          : null;
    if (reason) {
      skipped.push({
        reminderId: r.id,
        contactId: r.contactId,
        name: r.contactName,
        phone: r.phone,
        productName: r.productName,
        reason,
      });
      continue;
    }
    let m = byContact.get(r.contactId);
    if (!m) {
      m = {
        contactId: r.contactId,
        name: r.contactName,
        phone: r.phone,
        items: [],
        suggestions: [],
        text: "",
      };
      byContact.set(r.contactId, m);
    }
    m.items.push({ reminderId: r.id, productId: r.productId, name: r.productName, dueOn: r.dueOn });
  }
  const messages = [...byContact.values()];
  if (settings.crossSell) {
    const suggested = await suggestionsFor(
      db,
      tenantId,
      messages.map((m) => m.contactId),
      settings.maxSuggestions,
    );
    for (const s of suggested) {
      byContact.get(s.contactId)?.suggestions.push({ productId: s.productId, name: s.name, price: s.price });
    }
  }
  for (const m of messages) {
    m.text = renderReminder(
      settings.message,
      { name: m.name, phone: m.phone, items: m.items.map((i) => i.name), suggestions: m.suggestions },
      `${m.contactId}:${date}`,
    );
  }
  return {
    date,
    timeZone: settings.timeZone,
    enabled: settings.enabled,
    messages,
    skipped,
    counts: {
      customers: messages.length,
      reminders: messages.reduce((n, m) => n + m.items.length, 0),
      skipped: skipped.length,
    },
  };
}
