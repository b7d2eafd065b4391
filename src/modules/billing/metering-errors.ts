/** Errors of quota metering (issue 14, docs/billing.md "Quota metering"): a send refused in SaaS mode. */
import { defineErrors } from "../../lib/errors.js";

/** The metering catalogue (senders of other modules throw these). */
export const meteringErrors = defineErrors({
  subscriptionInactive: {
    code: "subscription_inactive",
    status: 402,
    when: "SaaS mode: starting a campaign or replying in a conversation while the shop's subscription is expired or suspended (sending is stopped until it is paid or resumed).",
    message: {
      id: "Langganan toko tidak aktif: pengiriman dihentikan sampai langganan dibayar",
      en: "The shop's subscription is not active: sending is stopped until it is paid",
    },
  },
  quotaExhausted: {
    code: "quota_exhausted",
    status: 402,
    when: "SaaS mode: an agent's reply when the shop's package counts agents' replies and no message unit is left (top up or renew).",
    message: { id: "Kuota pesan habis", en: "No message units left" },
  },
  quotaInsufficient: {
    code: "quota_insufficient",
    status: 402,
    when: "SaaS mode: starting a campaign with more recipients than message units left, without `allowPartial` (details `needed`, `left`).",
    message: (p: { needed: number; left: number }) => ({
      id: `Kuota pesan kurang: perlu ${p.needed}, tersisa ${p.left}`,
      en: `Not enough message units: ${p.needed} needed, ${p.left} left`,
      details: { needed: p.needed, left: p.left },
    }),
  },
});
