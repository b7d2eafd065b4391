/** Errors of the WhatsApp layer itself (src/channels), as opposed to the channels module's. */
import { defineErrors } from "../lib/errors.js";

/** The WhatsApp layer's catalogue. */
export const channelLayerErrors = defineErrors({
  notHeld: {
    code: "channel_not_held",
    status: 409,
    when: "Logging out a WhatsApp Web number that no Kabar process holds right now (only its holder can unlink the device).",
    message: {
      id: "Tidak ada proses Kabar yang memegang nomor ini sekarang; sambungkan dulu, lalu keluar",
      en: "No Kabar process holds this number right now; connect it first, then log out",
    },
  },
});
