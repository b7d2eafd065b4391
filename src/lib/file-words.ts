/**
 * The words of the files Kabar writes for people to open (the campaign report and the
 * contact export): column headers and cell values, in the shop's language
 * (`tenants.locale`, Bahasa Indonesia first, then English). One catalogue for both files.
 *
 * Status and reason words are the web app's own (web/src/i18n/{id,en}/core.json,
 * `recipientStatus` and `failure`; contacts.json for the contact columns) and the glossary's
 * (docs/GLOSSARY.md), so a file says what the screen says; `file-words.test.ts` checks
 * they stay equal.
 */

/** A language a file can be written in: the values of `tenants.locale`. */
export type FileLanguage = "id" | "en";

/** Every word of one language. */
export interface FileWords {
  /** A recipient's status (`campaign_recipients.status`) as the screen names it. */
  recipientStatus: Record<string, string>;
  /** A recipient's failure or skip code (`failure_code`) as the screen explains it. */
  failure: Record<string, string>;
  /** Why a pending recipient is held back by the governor (`held_reason`), as the screen says it. */
  held: Record<string, string>;
  /** Headers of the campaign report; the times are followed by the zone, e.g. "Terkirim (WIB)". */
  report: {
    phone: string;
    name: string;
    /** The shop's number that sends (or sent) to the recipient: a campaign may use several. */
    sender: string;
    status: string;
    reason: string;
    sentAt: string;
    deliveredAt: string;
    readAt: string;
    repliedAt: string;
  };
  /** Headers of the contact export (attribute columns keep their keys), and its "yes". */
  contacts: { phone: string; name: string; labels: string; optedOut: string; createdAt: string; yes: string };
  /** Headers of the order export; `placedAt` is followed by the zone, e.g. "Tanggal (WIB)". */
  orders: Record<(typeof ORDER_COLUMNS)[number], string>;
  /** An order's status (`orders.status`) as the screen names it. */
  orderStatus: Record<string, string>;
  /** A payment method (`orders.payment_method`) as the screen names it. */
  payment: Record<string, string>;
  /** Headers of the sales report exports (`GET /reports/export`), and the name of a missing province. */
  reports: Record<(typeof REPORT_WORDS)[number], string>;
  /** Headers of the audit log export; `at` is followed by the zone, e.g. "Waktu (WIB)". */
  audit: Record<(typeof AUDIT_COLUMNS)[number], string>;
}

/** The columns of the audit log export, in order. */
export const AUDIT_COLUMNS = [
  "at",
  "person",
  "role",
  "action",
  "targetType",
  "targetId",
  "targetName",
  "changes",
  "ip",
  "userAgent",
  "source",
] as const;

/** The words of the sales report exports. */
export const REPORT_WORDS = [
  "period",
  "orders",
  "revenue",
  "averageOrderValue",
  "customer",
  "phone",
  "product",
  "sku",
  "quantity",
  "province",
  "city",
  "customers",
  "unknown",
] as const;

/** The columns of the order export, in order. */
export const ORDER_COLUMNS = [
  "number",
  "placedAt",
  "status",
  "customer",
  "phone",
  "items",
  "subtotal",
  "discount",
  "shippingCost",
  "total",
  "payment",
  "province",
  "city",
  "address",
  "courier",
  "trackingNumber",
  "notes",
] as const;

/** The catalogue: Bahasa Indonesia, then English. */
export const FILE_WORDS: Record<FileLanguage, FileWords> = {
  id: {
    recipientStatus: {
      pending: "Menunggu",
      sending: "Mengirim",
      sent: "Terkirim",
      delivered: "Diterima",
      read: "Dibaca",
      failed: "Gagal",
      skipped: "Dilewati",
      unknown: "Tidak pasti",
      suspected_drop: "Diduga tidak sampai",
    },
    failure: {
      not_on_whatsapp: "Nomor ini tidak terdaftar di WhatsApp",
      rate_limited: "Dibatasi WhatsApp karena terlalu banyak pesan; akan dicoba lagi",
      disconnected: "Nomor pengirim terputus saat mengirim",
      logged_out: "Nomor pengirim keluar dari WhatsApp",
      banned: "Nomor pengirim diblokir WhatsApp",
      invalid_message: "Pesan tidak valid",
      network_error: "Gangguan jaringan",
      outside_window: "Di luar jendela 24 jam; perlu template resmi",
      opted_out: "Pelanggan berhenti berlangganan",
      cancelled: "Kampanye dibatalkan sebelum pesan ini dikirim",
      unknown_outcome: "Tidak pasti apakah pesan sampai (server berhenti saat mengirim)",
      interrupted: "Pengiriman terputus; akan dicoba lagi",
      suspected_drop: "Terkirim ke server WhatsApp tetapi tidak sampai ke HP pelanggan setelah 30 menit",
      reachout_locked:
        "WhatsApp menolak chat baru dari nomor ini (463); dikirim lagi setelah larangan berakhir",
      held: "Ditahan: chat baru dari nomor ini sedang ditahan",
    },
    held: {
      cap_warning: "Ditahan: nomor hampir mencapai batas chat baru WhatsApp",
      capped: "Ditahan: nomor mencapai batas chat baru WhatsApp",
      timelock: "Ditahan: WhatsApp melarang nomor ini memulai chat baru untuk sementara",
      reachout_refused: "Ditahan: WhatsApp menolak chat baru dari nomor ini (463)",
    },
    report: {
      phone: "Nomor",
      name: "Nama",
      sender: "Dikirim dari",
      status: "Status",
      reason: "Alasan",
      sentAt: "Terkirim",
      deliveredAt: "Diterima",
      readAt: "Dibaca",
      repliedAt: "Membalas",
    },
    audit: {
      at: "Waktu",
      person: "Orang",
      role: "Peran",
      action: "Tindakan",
      targetType: "Jenis sasaran",
      targetId: "ID sasaran",
      targetName: "Nama sasaran",
      changes: "Perubahan",
      ip: "Alamat IP",
      userAgent: "Peramban",
      source: "Sumber",
    },
    contacts: {
      phone: "Nomor",
      name: "Nama",
      labels: "Label",
      optedOut: "Berhenti berlangganan",
      createdAt: "Ditambahkan",
      yes: "Ya",
    },
    orders: {
      number: "No. pesanan",
      placedAt: "Tanggal",
      status: "Status",
      customer: "Pelanggan",
      phone: "Nomor",
      items: "Produk",
      subtotal: "Subtotal",
      discount: "Diskon",
      shippingCost: "Ongkir",
      total: "Total",
      payment: "Pembayaran",
      province: "Provinsi",
      city: "Kota",
      address: "Alamat",
      courier: "Kurir",
      trackingNumber: "No. resi",
      notes: "Catatan",
    },
    orderStatus: {
      draft: "Draf",
      new: "Baru",
      confirmed: "Dikonfirmasi",
      paid: "Dibayar",
      packed: "Dikemas",
      shipped: "Dikirim",
      completed: "Selesai",
      cancelled: "Dibatalkan",
      returned: "Diretur",
    },
    payment: {
      transfer: "Transfer bank",
      cod: "COD (bayar di tempat)",
      qris: "QRIS",
      ewallet: "Dompet digital",
      marketplace: "Marketplace",
      other: "Lainnya",
    },
    reports: {
      period: "Periode",
      orders: "Pesanan",
      revenue: "Omzet",
      averageOrderValue: "Rata-rata per pesanan",
      customer: "Pelanggan",
      phone: "Nomor",
      product: "Produk",
      sku: "SKU",
      quantity: "Jumlah",
      province: "Provinsi",
      city: "Kota",
      customers: "Pelanggan",
      unknown: "Tidak diketahui",
    },
  },
  en: {
    recipientStatus: {
      pending: "Pending",
      sending: "Sending",
      sent: "Sent",
      delivered: "Delivered",
      read: "Read",
      failed: "Failed",
      skipped: "Skipped",
      unknown: "Unknown",
      suspected_drop: "Suspected drop",
    },
    failure: {
      not_on_whatsapp: "This number is not on WhatsApp",
      rate_limited: "Rate-limited by WhatsApp; will try again",
      disconnected: "The sending number disconnected while sending",
      logged_out: "The sending number was logged out of WhatsApp",
      banned: "The sending number was blocked by WhatsApp",
      invalid_message: "Invalid message",
      network_error: "Network problem",
      outside_window: "Outside the 24-hour window; an approved template is needed",
      opted_out: "The customer opted out",
      cancelled: "The campaign was cancelled before this message was sent",
      unknown_outcome: "Unknown whether it arrived (the server stopped while sending)",
      interrupted: "Sending was interrupted; will try again",
      suspected_drop: "Accepted by the WhatsApp server but not on the customer's phone after 30 minutes",
      reachout_locked:
        "WhatsApp refused a new chat from this number (463); sent again once the restriction ends",
      held: "Held: new chats from this number are held back for now",
    },
    held: {
      cap_warning: "Held: the number is close to WhatsApp's new-chat limit",
      capped: "Held: the number reached WhatsApp's new-chat limit",
      timelock: "Held: WhatsApp bars this number from starting new chats for now",
      reachout_refused: "Held: WhatsApp refused a new chat from this number (463)",
    },
    report: {
      phone: "Number",
      name: "Name",
      sender: "Sent from",
      status: "Status",
      reason: "Reason",
      sentAt: "Sent",
      deliveredAt: "Delivered",
      readAt: "Read",
      repliedAt: "Replied",
    },
    audit: {
      at: "Time",
      person: "Person",
      role: "Role",
      action: "Action",
      targetType: "Target type",
      targetId: "Target ID",
      targetName: "Target name",
      changes: "Changes",
      ip: "IP address",
      userAgent: "User agent",
      source: "Source",
    },
    contacts: {
      phone: "Number",
      name: "Name",
      labels: "Labels",
      optedOut: "Opted out",
      createdAt: "Added",
      yes: "Yes",
    },
    orders: {
      number: "Order no.",
      placedAt: "Date",
      status: "Status",
      customer: "Customer",
      phone: "Number",
      items: "Products",
      subtotal: "Subtotal",
      discount: "Discount",
      shippingCost: "Shipping",
      total: "Total",
      payment: "Payment",
      province: "Province",
      city: "City",
      address: "Address",
      courier: "Courier",
      trackingNumber: "Tracking no.",
      notes: "Notes",
    },
    orderStatus: {
      draft: "Draft",
      new: "New",
      confirmed: "Confirmed",
      paid: "Paid",
      packed: "Packed",
      shipped: "Shipped",
      completed: "Completed",
      cancelled: "Cancelled",
      returned: "Returned",
    },
    payment: {
      transfer: "Bank transfer",
      cod: "Cash on delivery",
      qris: "QRIS",
      ewallet: "E-wallet",
      marketplace: "Marketplace",
      other: "Other",
    },
    reports: {
      period: "Period",
      orders: "Orders",
      revenue: "Revenue",
      averageOrderValue: "Average order value",
      customer: "Customer",
      phone: "Number",
      product: "Product",
      sku: "SKU",
      quantity: "Quantity",
      province: "Province",
      city: "City",
      customers: "Customers",
      unknown: "Unknown",
    },
  },
};

/** The words of `language` (a shop's `locale`); Bahasa Indonesia for anything else. */
export function fileWords(language: string): FileWords {
  return language === "en" ? FILE_WORDS.en : FILE_WORDS.id;
}

/** Why a pending recipient is held back, in words (the code itself when the catalogue does not know it). */
export function heldWords(words: FileWords, heldReason: string): string {
  return words.held[heldReason] ?? heldReason;
}

/** A recipient status in words (the code itself when the catalogue does not know it). */
export function statusWord(words: FileWords, status: string): string {
  return words.recipientStatus[status] ?? status;
}

/**
 * A recipient's failure as the screen shows it (web/src/lib/reasons.ts): the catalogue's
 * words for a known code, else the stored reason, else the code, else "".
 */
export function failureWords(words: FileWords, code: string | null, reason: string | null): string {
  return (code ? words.failure[code] : undefined) ?? reason ?? code ?? "";
}
