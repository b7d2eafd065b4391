/** Errors of shops (tenants). */
import { defineErrors } from "../../lib/errors.js";

/** The tenants module's catalogue. */
export const tenantErrors = defineErrors({
  notFound: {
    code: "tenant_not_found",
    status: 404,
    when: "The caller's shop no longer exists.",
    message: { id: "Toko tidak ditemukan", en: "tenant not found" },
  },
});
