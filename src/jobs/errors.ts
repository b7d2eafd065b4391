/** The job registry's errors (src/jobs): a payload that does not fit its job. */
import { defineErrors } from "../lib/errors.js";

/** The job registry's catalogue. */
export const jobErrors = defineErrors({
  invalidPayload: {
    code: "invalid_job_payload",
    status: 500,
    when: "Kabar itself tried to queue a background job with a payload its schema refuses (a bug; nothing is queued).",
    message: (p: { job: string; where: string; fields: Record<string, string> }) => ({
      id: `Data tugas latar "${p.job}" tidak valid (${p.where})`,
      en: `Invalid payload for background job "${p.job}" (${p.where})`,
      fields: p.fields,
    }),
  },
});
