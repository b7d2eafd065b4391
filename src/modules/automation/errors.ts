/** Errors of automatic replies (auto-reply rules). */
import { defineErrors } from "../../lib/errors.js";

/** The automation module's catalogue. */
export const automationErrors = defineErrors({
  ruleNotFound: {
    code: "auto_reply_rule_not_found",
    status: 404,
    when: "The auto-reply rule in the path does not exist in the shop.",
    message: { id: "Aturan balasan otomatis tidak ditemukan", en: "Auto-reply rule not found" },
  },
});
