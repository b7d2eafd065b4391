/** Errors of package limits and downgrades (issue 14, SaaS mode; docs/billing.md "Limits and downgrades"). */
import { defineErrors } from "../../lib/errors.js";
import type { LimitName } from "./queries/limits.js";

/** One limit a downgrade would break: what it allows, what the shop has, and what to remove (numbers, staff). */
export interface OverLimit {
  limit: LimitName;
  allowed: number;
  used: number;
  /** The newest numbers / staff beyond the limit (never the owner); absent for contacts. */
  remove?: { id: string; name: string }[];
}

const LIMIT_WORDS: Record<string, { id: string; en: string } | undefined> = {
  numbers: { id: "nomor WhatsApp", en: "WhatsApp numbers" },
  staff: { id: "staf", en: "staff" },
  contacts: { id: "kontak", en: "contacts" },
};

/** A limit's name in both languages (the name itself for an unknown one, e.g. the docs generator's placeholder). */
const words = (limit: string) => LIMIT_WORDS[limit] ?? { id: limit, en: limit };

/** The limits over, as "staf 3/2, nomor WhatsApp 3/2". */
const list = (limits: OverLimit[] | undefined, lang: "id" | "en") =>
  Array.isArray(limits)
    ? limits.map((l) => `${words(l.limit)[lang]} ${l.used}/${l.allowed}`).join(", ")
    : String(limits);

/** The limits' catalogue. */
export const limitErrors = defineErrors({
  limitReached: {
    code: "package_limit_reached",
    status: 402,
    when: "Adding a WhatsApp number, a staff member (or reactivating one) or a contact beyond the shop's package limit (SaaS mode); `details` names the limit and what it allows.",
    message: (p: { limit: LimitName; allowed: number }) => ({
      id: `Paket Anda membolehkan ${p.allowed} ${words(p.limit).id}. Naikkan paket untuk menambah lagi.`,
      en: `Your package allows ${p.allowed} ${words(p.limit).en}. Upgrade to add more.`,
      details: { limit: p.limit, allowed: p.allowed },
    }),
  },
  overPackageLimit: {
    code: "over_package_limit",
    status: 409,
    when: "A downgrade to a package whose limits the shop is over; `details.limits` names each limit with what it allows, what the shop has, and which numbers / staff to remove first.",
    message: (p: { limits: OverLimit[] }) => ({
      id: `Kurangi dulu: ${list(p.limits, "id")}`,
      en: `Remove some first: ${list(p.limits, "en")}`,
      details: { limits: p.limits },
    }),
  },
  notADowngrade: {
    code: "not_a_downgrade",
    status: 409,
    when: "Scheduling a downgrade to the shop's own package or to one that costs more for the cycle (buy an upgrade instead).",
    message: {
      id: "Paket ini bukan turun paket. Untuk naik paket, bayar selisihnya lewat Naik paket.",
      en: "This is not a downgrade. To move up, pay the difference with Upgrade.",
    },
  },
  renewalPaid: {
    code: "renewal_already_paid",
    status: 409,
    when: "Scheduling or cancelling a downgrade after the next period was already paid for (its package is settled; it starts when this period ends).",
    message: {
      id: "Periode berikutnya sudah dibayar, paketnya tidak bisa diubah lagi",
      en: "The next period is already paid for; its package can no longer change",
    },
  },
});
