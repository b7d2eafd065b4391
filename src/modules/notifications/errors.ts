/** Errors of notifications. */
import { defineErrors } from "../../lib/errors.js";

/** The notifications module's catalogue. */
export const notificationErrors = defineErrors({
  notFound: {
    code: "notification_not_found",
    status: 404,
    when: "The notification in the path does not exist for the caller.",
    message: { id: "Notifikasi tidak ditemukan", en: "notification not found" },
  },
});
