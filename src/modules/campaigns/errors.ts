/** Errors of campaigns (broadcasts): their states, schedule, audience and WhatsApp templates. */
import { defineErrors } from "../../lib/errors.js";

/** The campaigns module's catalogue. */
export const campaignErrors = defineErrors({
  notFound: {
    code: "campaign_not_found",
    status: 404,
    when: "The campaign in the path does not exist in the shop.",
    message: { id: "Kampanye tidak ditemukan", en: "campaign not found" },
  },
  invalidTransition: {
    code: "invalid_transition",
    status: 409,
    when: "Pausing, resuming or cancelling a campaign whose status does not allow it (e.g. pausing a completed one).",
    message: (p: { from: string; to: string }) => ({
      id: `Kampanye berstatus ${p.from} tidak bisa diubah ke ${p.to}`,
      en: `Cannot move a ${p.from} campaign to ${p.to}`,
    }),
  },
  notStartable: {
    code: "invalid_transition",
    status: 409,
    when: "Starting a campaign that is not a draft or scheduled.",
    message: (p: { status: string }) => ({
      id: `Kampanye berstatus ${p.status} tidak bisa dimulai`,
      en: `Cannot start a ${p.status} campaign`,
    }),
  },
  notSchedulable: {
    code: "invalid_transition",
    status: 409,
    when: "Scheduling a campaign that is not a draft.",
    message: { id: "Hanya draf yang bisa dijadwalkan", en: "Only a draft can be scheduled" },
  },
  notRetryable: {
    code: "invalid_transition",
    status: 409,
    when: "Retrying the failed recipients of a campaign that is still running or was never started.",
    message: (p: { status: string }) => ({
      id: `Kampanye berstatus ${p.status} tidak bisa dikirim ulang`,
      en: `Cannot retry a ${p.status} campaign`,
    }),
  },
  started: {
    code: "campaign_started",
    status: 409,
    when: "Editing a campaign that has started.",
    message: {
      id: "Kampanye yang sudah berjalan tidak bisa diubah",
      en: "A started campaign cannot be edited",
    },
  },
  emptyAudience: {
    code: "empty_audience",
    status: 400,
    when: "Starting a campaign whose audience matches no contact.",
    message: {
      id: "Tidak ada kontak yang cocok dengan target",
      en: "No contact matches the audience",
      fields: { audience: "no contact matches" },
    },
  },
  timeInPast: {
    code: "time_in_past",
    status: 400,
    when: "Scheduling a campaign at a time that has passed.",
    message: {
      id: "Waktu jadwal sudah lewat",
      en: "The scheduled time is in the past",
      fields: { at: "in the past" },
    },
  },
  invalidTime: {
    code: "invalid_time",
    status: 400,
    when: "A schedule time is neither a local time (2026-12-01T09:00) nor an ISO time with offset, or does not exist (31 February).",
    message: (p: { value: string }) => ({
      id: `Waktu tidak valid: "${p.value}"`,
      en: `Invalid time "${p.value}"`,
      fields: { at: "expected 2026-12-01T09:00 or an ISO time with offset" },
    }),
  },
  sameChannel: {
    code: "same_channel",
    status: 400,
    when: "Resending a campaign's suspected drops through the number that sent them (WhatsApp already accepted and dropped them there).",
    message: {
      id: "Kirim ulang lewat nomor lain: nomor ini yang pesannya tidak sampai",
      en: "Resend through another number: this is the number whose messages did not arrive",
      fields: { channelId: "the campaign's own number" },
    },
  },
  noSuspectedDrops: {
    code: "no_suspected_drops",
    status: 409,
    when: "Resending the suspected drops of a campaign that has none (now).",
    message: {
      id: "Kampanye ini tidak punya penerima yang diduga tidak sampai",
      en: "The campaign has no suspected drops",
    },
  },
  unknownSourceCampaign: {
    code: "unknown_campaign",
    status: 400,
    when: "A `drops` audience names a campaign that does not exist in the shop.",
    message: {
      id: "Kampanye sumber tidak ditemukan",
      en: "The source campaign does not exist",
      fields: { "audience.campaignId": "unknown campaign" },
    },
  },
  waTemplateRequired: {
    code: "wa_template_required",
    status: 400,
    when: "A campaign on a Cloud API number has no WhatsApp template.",
    message: {
      id: "Nomor Cloud API mengirim kampanye dengan template WhatsApp yang disetujui: teks bebas hanya sampai ke pelanggan yang menulis dalam 24 jam terakhir",
      en: "A Cloud API number sends campaigns as an approved WhatsApp template: free text only reaches customers who wrote in the last 24 hours",
      fields: { waTemplate: "required on a Cloud API channel" },
    },
  },
  poolWithoutChannel: {
    code: "invalid_pool",
    status: 400,
    when: "A campaign's pool of numbers does not include its `channelId`, names a number twice, or names a number the shop does not have.",
    message: (p: { field: string; why: "missing_main" | "duplicate" | "unknown" }) => ({
      id:
        p.why === "missing_main"
          ? "Daftar nomor kampanye harus memuat nomor utamanya (channelId)"
          : p.why === "duplicate"
            ? "Satu nomor hanya boleh muncul sekali dalam daftar nomor kampanye"
            : "Nomor ini tidak ada di toko Anda",
      en:
        p.why === "missing_main"
          ? "The campaign's pool of numbers must include its main number (channelId)"
          : p.why === "duplicate"
            ? "A number may appear once in the campaign's pool"
            : "The shop has no such number",
      fields: {
        [p.field]:
          p.why === "missing_main"
            ? "must include channelId"
            : p.why === "duplicate"
              ? "named twice"
              : "unknown number",
      },
    }),
  },
  poolMixedRails: {
    code: "pool_mixed_rails",
    status: 400,
    when: "A weighted pool mixes Cloud API numbers with WhatsApp Web or sandbox numbers (hybrid routing does that on purpose).",
    message: {
      id: "Nomor Cloud API dan nomor WhatsApp Web hanya bisa dipakai bersama dengan rute hibrida (pelanggan lama lewat WhatsApp Web, pelanggan baru lewat template Cloud API)",
      en: "Cloud API and WhatsApp Web numbers go together only with hybrid routing (known customers over WhatsApp Web, new ones over a Cloud API template)",
      fields: { pool: "mixes Cloud API and WhatsApp Web numbers; use routing hybrid" },
    },
  },
  hybridNeedsBoth: {
    code: "hybrid_needs_both",
    status: 400,
    when: "Hybrid routing without both a WhatsApp Web (or sandbox) number and a Cloud API number in the pool, or without the template for new chats.",
    message: (p: { field: "pool" | "waTemplate" | "body" }) => ({
      id:
        p.field === "pool"
          ? "Rute hibrida butuh satu nomor WhatsApp Web dan satu nomor Cloud API"
          : p.field === "waTemplate"
            ? "Rute hibrida butuh template WhatsApp yang disetujui untuk pelanggan baru"
            : "Rute hibrida butuh pesan untuk pelanggan lama (lewat WhatsApp Web)",
      en:
        p.field === "pool"
          ? "Hybrid routing needs a WhatsApp Web number and a Cloud API number"
          : p.field === "waTemplate"
            ? "Hybrid routing needs an approved WhatsApp template for new chats"
            : "Hybrid routing needs a message for known customers (over WhatsApp Web)",
      fields: {
        [p.field]:
          p.field === "pool"
            ? "needs a WhatsApp Web and a Cloud API number"
            : p.field === "waTemplate"
              ? "required for hybrid routing"
              : "required for hybrid routing",
      },
    }),
  },
  waTemplateUnsupported: {
    code: "wa_template_unsupported",
    status: 400,
    when: "A campaign on a number that is not a Cloud API number has a WhatsApp template.",
    message: {
      id: "Template WhatsApp hanya untuk nomor Cloud API",
      en: "WhatsApp templates are sent by Cloud API channels only",
      fields: { waTemplate: "only for Cloud API channels" },
    },
  },
  waTemplateNotFound: {
    code: "wa_template_not_found",
    status: 400,
    when: "A campaign's WhatsApp template (name and language) is not among the number's synced templates.",
    message: (p: { name: string; language: string }) => ({
      id: `Nomor ini tidak punya template "${p.name}" (${p.language}); sinkronkan template dulu`,
      en: `The channel has no template "${p.name}" (${p.language}); sync its templates first`,
      fields: { "waTemplate.name": "unknown template" },
    }),
  },
  waTemplateNotApproved: {
    code: "wa_template_not_approved",
    status: 400,
    when: "A campaign's WhatsApp template is not approved by Meta (pending, rejected, paused).",
    message: (p: { name: string; status: string }) => ({
      id: `Template "${p.name}" berstatus ${p.status}, belum disetujui Meta`,
      en: `Template "${p.name}" is ${p.status}, not approved by Meta`,
      fields: { "waTemplate.name": `status ${p.status}` },
    }),
  },
  waTemplateParams: {
    code: "wa_template_params",
    status: 400,
    when: "A campaign leaves a parameter of its WhatsApp template's header or body without a value (positional {{1}} or named {{customer_name}}), or gives a value for one the template does not have. Checked when it is created, edited and started.",
    message: (p: { name: string; part: string; missing: string; unknown: string }) => {
      // `missing` / `unknown`: the parameters as the template writes them ("{{2}}, {{order_id}}"), or "".
      const id = [p.missing && `isi ${p.missing}`, p.unknown && `tidak punya ${p.unknown}`].filter(Boolean);
      const en = [p.missing && `needs a value for ${p.missing}`, p.unknown && `has no ${p.unknown}`].filter(
        Boolean,
      );
      const field = [p.missing && `missing ${p.missing}`, p.unknown && `unknown ${p.unknown}`].filter(
        Boolean,
      );
      return {
        id: `Template "${p.name}" bagian ${p.part}: ${id.join("; ")}`,
        en: `Template "${p.name}" ${p.part} ${en.join("; ")}`,
        fields: { [`waTemplate.${p.part}`]: field.join("; ") },
      };
    },
  },
  waTemplateMedia: {
    code: "wa_template_media",
    status: 400,
    when: "A campaign's WhatsApp template has a media header but the campaign attaches no media.",
    message: (p: { name: string; headerMedia: string }) => ({
      id: `Template "${p.name}" memakai header ${p.headerMedia}: lampirkan medianya`,
      en: `Template "${p.name}" has a ${p.headerMedia} header: attach the media`,
      fields: { media: `a ${p.headerMedia} is needed` },
    }),
  },
});
