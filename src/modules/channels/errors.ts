/** Errors of WhatsApp numbers (channels). Other modules use `notFound` and `unknownChannel` too. */
import { type Bilingual, defineErrors } from "../../lib/errors.js";

/** The channels module's catalogue. */
export const channelErrors = defineErrors({
  notFound: {
    code: "channel_not_found",
    status: 404,
    when: "The WhatsApp number in the path does not exist in the shop; also a Cloud API webhook delivery for a number without Cloud API secrets.",
    message: { id: "Nomor WhatsApp tidak ditemukan", en: "channel not found" },
  },
  unknownChannel: {
    code: "unknown_channel",
    status: 400,
    when: "A body field (`channelId`) names a WhatsApp number that does not exist in the shop.",
    message: (p: { field: string }) => ({
      id: "Nomor WhatsApp tidak ditemukan",
      en: "Unknown channel",
      fields: { [p.field]: "unknown channel" },
    }),
  },
  notCloudApi: {
    code: "not_cloud_api",
    status: 400,
    when: "WhatsApp templates are synced or listed for a number that is not a Cloud API number.",
    message: {
      id: "Hanya Nomor WhatsApp Cloud API yang punya template WhatsApp",
      en: "Only Cloud API channels have WhatsApp templates",
      fields: { channelId: "not a cloud_api channel" },
    },
  },
  notRunning: {
    code: "not_running",
    status: 503,
    when: "A live action (connect, pairing code) in a process that holds no connections (the CLI with no server running).",
    message: {
      id: "Kabar belum berjalan: jalankan `npm start` dulu",
      en: "Kabar is not running here: start it with `npm start` first",
    },
  },
  kindUnavailable: {
    code: "kind_unavailable",
    status: 400,
    when: "Adding a number of a kind this build cannot create.",
    message: (p: { kind: string; kinds: string }) => ({
      id: `Nomor WhatsApp jenis ${p.kind} belum tersedia`,
      en: `${p.kind} channels are not available yet`,
      fields: { kind: `one of: ${p.kinds}` },
    }),
  },
  pairingUnsupported: {
    code: "pairing_unsupported",
    status: 400,
    when: "A pairing code is asked for a number that is not a WhatsApp Web number.",
    message: {
      id: "Kode penautan hanya untuk Nomor WhatsApp jenis WhatsApp Web",
      en: "Only WhatsApp Web channels link with a pairing code",
      fields: { kind: "must be whatsapp_web" },
    },
  },
  alreadyLinked: {
    code: "already_linked",
    status: 409,
    when: "A pairing code is asked for a number that is already connected.",
    message: {
      id: "Nomor ini sudah tertaut; keluar (logout) dulu",
      en: "This number is already linked; log out first",
    },
  },
  elsewhere: {
    code: "channel_elsewhere",
    status: 503,
    when: "Another Kabar process holds the number's connection, so this one cannot ask for a pairing code.",
    message: {
      id: "Nomor ini sedang dipegang proses Kabar lain; coba lagi sebentar lagi",
      en: "Another Kabar process holds this channel; try again shortly",
    },
  },
  pairingFailed: {
    code: "pairing_failed",
    status: 502,
    when: "WhatsApp did not give a pairing code; the message carries WhatsApp's reason.",
    message: (p: { reason: string }) => ({
      id: `WhatsApp tidak memberi kode penautan: ${p.reason}`,
      en: `WhatsApp did not give a pairing code: ${p.reason}`,
    }),
  },
  noSecretKey: {
    code: "no_secret_key",
    status: 503,
    when: "Syncing WhatsApp templates in a process without KABAR_SECRET_KEY (the Cloud API secrets cannot be opened).",
    message: { id: "Kunci rahasia tidak tersedia di proses ini", en: "No secret key in this process" },
  },
  graphError: {
    code: "graph_error",
    status: 502,
    when: "Meta's Graph API refused the template sync; the message carries Meta's reason.",
    message: (p: { reason: string }) => ({
      id: `Meta menolak: ${p.reason}`,
      en: `Meta refused: ${p.reason}`,
    }),
  },
  invalidWaTemplate: {
    code: "invalid_wa_template",
    status: 400,
    when: "A WhatsApp template to submit breaks one of Meta's limits (name, language, lengths, variables, examples, buttons); `fields` names each part, e.g. `components[1].text`.",
    message: (p: { fields: Record<string, Bilingual> }) => ({
      id: "Template belum sesuai aturan Meta",
      en: "The template does not meet Meta's rules",
      fields: p.fields,
    }),
  },
  waTemplateExists: {
    code: "wa_template_exists",
    status: 409,
    when: "Meta already has a WhatsApp template of that name and language on the business account.",
    message: {
      id: "Template dengan nama dan bahasa ini sudah ada di Meta",
      en: "Meta already has a template with this name and language",
      fields: { name: { id: "sudah dipakai", en: "already taken" } },
    },
  },
  waTemplateNotFound: {
    code: "wa_template_unknown",
    status: 404,
    when: "The WhatsApp template named in the path is not among the number's templates in Kabar.",
    message: { id: "Template WhatsApp tidak ditemukan", en: "WhatsApp template not found" },
  },
  waTemplateRefused: {
    code: "wa_template_refused",
    status: 400,
    when: "Meta refused a WhatsApp template submission or deletion (its content or a parameter); Meta's internals are not shown.",
    message: {
      id: "Meta menolak permintaan template ini; periksa isi dan contohnya",
      en: "Meta refused this template request; check its content and examples",
    },
  },
  waTemplateUnavailable: {
    code: "wa_template_unavailable",
    status: 502,
    when: "Meta could not be reached for a WhatsApp template submission or deletion, was throttling, or the access token expired or lacks permission.",
    message: {
      id: "Meta tidak dapat dihubungi atau token akses tidak berlaku; coba lagi nanti",
      en: "Meta could not be reached or the access token is not valid; try again later",
    },
  },
});
