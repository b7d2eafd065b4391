/**
 * The order messages a shop starts with: good Indonesian texts for every event, the
 * thank-you and the shipped message switched on, the rest off until the shop wants them.
 */
import type { OrderMessageEvent, OrderMessageEventSettings } from "./schemas.js";

/** The default settings of each event (a shop's saved event replaces its default whole). */
export const DEFAULT_EVENTS: Readonly<Record<OrderMessageEvent, OrderMessageEventSettings>> = {
  created: {
    enabled: true,
    text: "Halo {{name|kak}}, terima kasih sudah berbelanja! Pesanan {{order.number}} ({{order.items}}) sebesar {{order.total}} sudah kami terima dan segera kami proses.",
    waTemplate: null,
  },
  confirmed: {
    enabled: false,
    text: "Halo {{name|kak}}, pesanan {{order.number}} sudah kami konfirmasi dan sedang disiapkan.",
    waTemplate: null,
  },
  paid: {
    enabled: false,
    text: "Halo {{name|kak}}, pembayaran {{order.total}} untuk pesanan {{order.number}} sudah kami terima. Terima kasih!",
    waTemplate: null,
  },
  shipped: {
    enabled: true,
    text: "Halo {{name|kak}}, pesanan {{order.number}} sudah dikirim lewat {{order.courier}}. Nomor resi: {{order.tracking|-}}.",
    waTemplate: null,
  },
  completed: {
    enabled: false,
    text: "Halo {{name|kak}}, pesanan {{order.number}} sudah selesai. Terima kasih, ditunggu pesanan berikutnya!",
    waTemplate: null,
  },
  cod_confirm: {
    enabled: true,
    text: "Halo {{name|kak}}, terima kasih atas pesanan {{order.number}} ({{order.items}}) sebesar {{order.total}}, bayar di tempat (COD). Balas YA untuk konfirmasi atau BATAL untuk membatalkan.",
    waTemplate: null,
  },
  cod_reminder: {
    enabled: true,
    text: "Halo {{name|kak}}, kami masih menunggu konfirmasi pesanan COD {{order.number}} sebesar {{order.total}}. Balas YA untuk konfirmasi atau BATAL untuk membatalkan.",
    waTemplate: null,
  },
};

/** Default hours before the COD reminder, and again before the order is flagged for CS. */
export const DEFAULT_COD_REMINDER_HOURS = 12;
