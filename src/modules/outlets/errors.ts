/** Errors of outlets (issue 13). Other modules throw `unknownOutlet` for a body field naming an outlet. */
import { defineErrors } from "../../lib/errors.js";

/** The outlets module's catalogue. */
export const outletErrors = defineErrors({
  notFound: {
    code: "outlet_not_found",
    status: 404,
    when: "The outlet in the path does not exist in the shop, or is outside the caller's outlets.",
    message: { id: "Outlet tidak ditemukan", en: "Outlet not found" },
  },
  unknownOutlet: {
    code: "unknown_outlet",
    status: 400,
    when: "A body field (`outletId`, `outletIds`, `homeOutletId`) names an outlet the shop does not have, or one outside the caller's outlets.",
    message: (p: { field: string }) => ({
      id: "Outlet tidak dikenal",
      en: "Unknown outlet",
      fields: { [p.field]: "unknown outlet" },
    }),
  },
  nameTaken: {
    code: "outlet_name_taken",
    status: 409,
    when: "Creating or renaming an outlet to a name another outlet of the shop has.",
    message: {
      id: "Nama outlet ini sudah dipakai",
      en: "This outlet name is already used",
      fields: { name: "already used" },
    },
  },
  inUse: {
    code: "outlet_in_use",
    status: 409,
    when: "Deleting an outlet that numbers (channels) or orders belong to, or staff are limited to: move the numbers and staff first; an outlet with orders stays (its sales are in the reports).",
    message: (p: { channels: number; users: number; orders: number }) => ({
      id: `Outlet ini masih dipakai ${p.channels} nomor WhatsApp, ${p.users} staf dan ${p.orders} pesanan`,
      en: `This outlet still has ${p.channels} number(s), ${p.users} staff member(s) and ${p.orders} order(s)`,
    }),
  },
  lastOutlet: {
    code: "last_outlet",
    status: 409,
    when: "Deleting the shop's only outlet: a shop always keeps one.",
    message: { id: "Toko harus punya setidaknya satu outlet", en: "The shop must keep at least one outlet" },
  },
  allOutletsOnly: {
    code: "all_outlets_only",
    status: 403,
    when: "Someone limited to some outlets creates an outlet, or gives a user every outlet.",
    message: {
      id: "Hanya staf semua outlet yang bisa melakukan ini",
      en: "Only staff of every outlet can do this",
    },
  },
});
