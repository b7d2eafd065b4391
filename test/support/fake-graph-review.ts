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

/** A Graph error as the fake answers it (see fake-graph.ts). */
interface GraphError {
  code: number;
  subcode?: number;
  message?: string;
  details?: string;
}

/** A template as the fake lists it (name, language, status, category, components). */
interface ListedTemplate {
  name: string;
  language: string;
  status: string;
  category?: string;
  rejected_reason?: string;
  components: unknown[];
}

type Component = {
  type?: string;
  format?: string;
  text?: string;
  example?: Record<string, unknown>;
  buttons?: Array<{ type?: string; text?: string; url?: string; example?: string[] }>;
};

const invalid = (details: string): GraphError => ({
  code: 100,
  message: "(#100) Invalid parameter",
  details,
});

/** Meta's answer to a template creation request, or undefined when it is accepted for review. */
export function createdTemplateProblem(
  body: Record<string, unknown>,
  existing: ListedTemplate[],
): GraphError | undefined {
  const name = String(body.name ?? "");
  if (!/^[a-z0-9_]{1,512}$/.test(name)) return invalid("name: lowercase letters, digits and _");
  if (!["MARKETING", "UTILITY", "AUTHENTICATION"].includes(String(body.category))) return invalid("category");
  if (existing.some((t) => t.name === name && t.language === body.language))
    return {
      code: 100,
      subcode: 2388024,
      message: "(#100) Invalid parameter",
      details: "Content in this language already exists",
    };
  const components = (Array.isArray(body.components) ? body.components : []) as Component[];
  const named = body.parameter_format === "NAMED";
  const limits: Record<string, number> = { HEADER: 60, BODY: 1024, FOOTER: 60 };
  if (!components.some((c) => c.type === "BODY")) return invalid("BODY is required");
  for (const c of components) {
    const text = c.text ?? "";
    if (limits[c.type ?? ""] !== undefined && text.length > limits[c.type!]!)
      return invalid(`${c.type} text too long`);
    const variables = [...text.matchAll(/\{\{([^}]*)\}\}/g)].map((m) => m[1]!);
    if (variables.length) {
      const ex = c.example ?? {};
      const given = named
        ? ((ex.body_text_named_params ?? ex.header_text_named_params ?? []) as unknown[]).length
        : (((ex.body_text as string[][] | undefined)?.[0] ?? ex.header_text ?? []) as unknown[]).length;
      if (given < new Set(variables).size)
        return invalid(`${c.type}: an example is required for each variable`);
    }
    for (const b of c.buttons ?? []) if ((b.text ?? "").length > 20) return invalid("button text too long");
  }
  return undefined;
}

/** A webhook payload of the WhatsApp Business Account `wabaId` with one change. */
function accountWebhook(wabaId: string, field: string, value: Record<string, unknown>): unknown {
  return {
    object: "whatsapp_business_account",
    entry: [{ id: wabaId, time: Math.floor(Date.now() / 1000), changes: [{ field, value }] }],
  };
}

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
