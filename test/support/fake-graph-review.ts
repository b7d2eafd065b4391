/**
 * The fake Graph API's template review, like Meta's: a submitted template is checked with
 * Meta's documented rules (name format, lengths, an example for every variable, a taken
 * name and language), listed as PENDING, then reviewed deterministically: REJECTED with a
 * reason when its text contains one of `rejectWords`, APPROVED otherwise, after
 * `approveAfterMs`; the outcome is posted as Meta's `message_template_status_update`
 * webhook to `deliver` (a test wires it to Kabar's webhook route, signed).
 * Written apart from Kabar's own checks (src/channels/cloud-api/template-draft.ts) so a
 * test sees what Meta would answer, not what Kabar believes.
 */

import { accountWebhook, type ListedTemplate } from "../../src/channels/cloud-api/sandbox-graph/rules.js";

// Meta's creation checks are the sandbox Graph's own (src/channels/cloud-api/sandbox-graph/rules.ts).
export { createdTemplateProblem } from "../../src/channels/cloud-api/sandbox-graph/rules.js";

/** How the fake reviews submitted templates, and where it posts the outcome. */
export class TemplateReviewer {
  /** Delay before the outcome, ms. */
  approveAfterMs = 5;
  /** A template whose texts contain one of these words (case-insensitive) is rejected. */
  rejectWords: string[] = [];
  /** Meta's rejection reason for them. */
  rejectReason = "INVALID_FORMAT";
  /** Where webhooks go; none: the review only changes the listed status. */
  deliver?: (payload: unknown) => Promise<void>;
  /** Deliveries that failed (a test asserts it stays empty). */
  readonly errors: unknown[] = [];
  /** Every webhook payload posted, in order (a test may deliver one again, as Meta does). */
  readonly posted: unknown[] = [];

  /** Reviews `t` (mutated: its status) and posts the status webhook. */
  review(wabaId: string, id: string, t: ListedTemplate): void {
    const texts = JSON.stringify(t.components).toLowerCase();
    const rejected = this.rejectWords.some((w) => texts.includes(w.toLowerCase()));
    setTimeout(() => {
      t.status = rejected ? "REJECTED" : "APPROVED";
      t.rejected_reason = rejected ? this.rejectReason : "NONE";
      this.post(
        accountWebhook(wabaId, "message_template_status_update", {
          event: t.status,
          message_template_id: Number(id),
          message_template_name: t.name,
          message_template_language: t.language,
          message_template_category: t.category,
          reason: rejected ? this.rejectReason : "NONE",
        }),
      );
    }, this.approveAfterMs);
  }

  /** Meta moves `t` to `category` and posts `template_category_update`. */
  changeCategory(wabaId: string, t: ListedTemplate, category: string): Promise<void> {
    const previous = t.category ?? "";
    t.category = category;
    return this.post(
      accountWebhook(wabaId, "template_category_update", {
        message_template_id: 5001,
        message_template_name: t.name,
        message_template_language: t.language,
        previous_category: previous,
        new_category: category,
      }),
    );
  }

  private post(payload: unknown): Promise<void> {
    this.posted.push(payload);
    return (this.deliver?.(payload) ?? Promise.resolve()).catch((err: unknown) => void this.errors.push(err));
  }
}
