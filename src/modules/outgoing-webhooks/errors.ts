/** Errors of outgoing webhooks: the shop's endpoints and their deliveries. */
import { defineErrors } from "../../lib/errors.js";

/** The outgoing-webhooks module's catalogue. */
export const outgoingWebhookErrors = defineErrors({
  endpointNotFound: {
    code: "webhook_endpoint_not_found",
    status: 404,
    when: "Reading, editing, testing or removing a webhook endpoint the shop does not have (unknown, or another shop's).",
    message: { id: "Endpoint webhook tidak ditemukan", en: "Webhook endpoint not found" },
  },
  deliveryNotFound: {
    code: "webhook_delivery_not_found",
    status: 404,
    when: "Redelivering a delivery the endpoint does not have (unknown, another endpoint's or another shop's).",
    message: { id: "Pengiriman webhook tidak ditemukan", en: "Webhook delivery not found" },
  },
  badUrl: {
    code: "webhook_url_not_allowed",
    status: 400,
    when: "An endpoint URL that is not https (plain http only for hosts the operator allows in KABAR_OUTBOUND_ALLOW_HOSTS), carries credentials, or names a private address.",
    message: {
      id: "Alamat webhook harus https dan alamat publik",
      en: "The webhook URL must be https and a public address",
      fields: { url: "must be an https URL of a public host" },
    },
  },
  noSecretKey: {
    code: "webhook_no_secret_key",
    status: 503,
    when: "Making or rotating an endpoint's secret in a process without KABAR_SECRET_KEY (the secret cannot be sealed).",
    message: { id: "Kunci rahasia tidak tersedia di proses ini", en: "No secret key in this process" },
  },
});
