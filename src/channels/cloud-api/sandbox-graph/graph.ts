/**
 * The sandbox's Graph API: an in-process WhatsApp Cloud API (no network, no port) that
 * answers a sandbox `cloud_api` channel's GraphClient in Meta's documented formats (see
 * client.ts for the endpoints) and posts Meta-format webhooks back to Kabar, so the real
 * Cloud API code (client, transport, window, template sync and submission, status webhooks,
 * pricing) runs in the demo and in CI. It plays, on the sandbox's clock and deterministically
 * under its seed:
 * - each sent message's statuses `sent` → `delivered` → (mostly) `read`, with Meta's
 *   per-message `pricing` (category from the template, `service` for free-form messages
 *   inside the customer-service window, free); free-form text outside the window fails with
 *   Meta's error 131047, as Meta reports it (a `failed` status);
 * - some customers answering a template (a customer reply from the sandbox's virtual phones),
 *   which opens the 24-hour window;
 * - template review: a submitted template is PENDING, then APPROVED after `reviewAfterMs`,
 *   or REJECTED (`ABUSIVE_CONTENT`) when its text has one of `rejectWords`, announced by
 *   `message_template_status_update`.
 * Every sandbox WhatsApp Business Account starts with two APPROVED templates
 * (`SANDBOX_TEMPLATES`). State lives in memory: templates submitted in the sandbox are
 * forgotten when Kabar restarts.
 */
import { createRng, hashHex } from "../../sandbox/prng.js";
import type { Timers } from "../../sandbox/clock.js";
import {
  accountWebhook,
  createdTemplateProblem,
  type GraphErrorSpec,
  type ListedTemplate,
  pendingTemplate,
  type SentInteractive,
  sentInteractiveProblem,
  type SentTemplate,
  sentTemplateProblem,
  templateStatusValue,
} from "./rules.js";
import { SANDBOX_TEMPLATES, sandboxReply } from "./seed.js";
import {
  graphError,
  graphJson,
  parseGraphRequest,
  readMultipart,
  type GraphAnswer,
  type GraphRequest,
} from "./wire.js";

/** The Graph host a sandbox channel's client names (never resolved: answered in-process). */
export const SANDBOX_GRAPH_BASE_URL = "https://graph.sandbox.kabar.invalid";

/** The customer-service window, ms (Meta: 24 hours after the customer's last message). */
const WINDOW_MS = 24 * 3_600_000;

/** What the graph needs from the process it runs in. */
interface SandboxGraphOptions {
  /** The sandbox's clock (scaled, cancelled on close). */
  timers: Timers;
  /** KABAR_SANDBOX_SEED: the same seed plays the same statuses, reads and replies. */
  seed: string;
  /** Hands one webhook payload of `channelId` to Kabar's webhook processing. */
  deliver: (channelId: string, payload: Record<string, unknown>) => Promise<void>;
  onError?: (err: unknown) => void;
}

/** One sandbox WhatsApp Business Account with its one phone number. */
interface Account {
  channelId: string;
  phoneNumberId: string;
  wabaId: string;
  /** The business number, E.164. */
  phone: string;
  templates: Array<ListedTemplate & { id: string }>;
  /** Customer wa_id → epoch ms of their last message (the window). */
  lastInbound: Map<string, number>;
}

/** The in-process Graph API of the sandbox's Cloud API numbers. */
export class SandboxGraph {
  /** Simulated delay before a submitted template is reviewed, ms. */
  reviewAfterMs = 120_000;
  /** A submitted template whose text has one of these words (case-insensitive) is REJECTED. */
  rejectWords = ["judi", "taruhan", "pinjol"];
  private opts: SandboxGraphOptions | null = null;
  private readonly accounts = new Map<string, Account>();
  private readonly media = new Map<string, { bytes: Buffer; mimeType: string }>();
  private serial = 0;

  /** Starts playing: statuses, replies and reviews go to `opts.deliver` on `opts.timers`. */
  configure(opts: SandboxGraphOptions): void {
    this.opts = opts;
  }

  /** Stops playing (Kabar stops): nothing is delivered any more; accounts are forgotten. */
  reset(): void {
    this.opts = null;
    this.accounts.clear();
    this.media.clear();
  }

  /**
   * Registers a sandbox channel's account (idempotent): its phone number id and WABA id
   * answer from here on, its WABA starting with `SANDBOX_TEMPLATES`.
   */
  attach(
    channel: { id: string; phone: string | null },
    ids: { phoneNumberId: string; wabaId: string },
  ): void {
    const known = this.accounts.get(ids.phoneNumberId);
    if (known) {
      if (channel.phone) known.phone = channel.phone;
      return;
    }
    const templates = SANDBOX_TEMPLATES.map((t, i) => ({ ...structuredClone(t), id: String(7000 + i) }));
    const account: Account = {
      channelId: channel.id,
      ...ids,
      phone: channel.phone ?? "+6281100000000",
      templates,
      lastInbound: new Map(),
    };
    this.accounts.set(ids.phoneNumberId, account);
    this.accounts.set(ids.wabaId, account);
  }

  /** The answer to one Graph request (the GraphClient's `fetch` for sandbox channels). */
  readonly fetch = async (req: GraphRequest): Promise<GraphAnswer> => {
    const r = parseGraphRequest(req);
    if (!/^Bearer \S+$/.test(req.headers.authorization ?? ""))
      return graphError({ code: 190, message: "Invalid OAuth access token." });
    if (r.download !== undefined) {
      const m = this.media.get(r.download);
      return m
        ? { status: 200, body: m.bytes }
        : graphError({ code: 100, status: 404, message: "Media not found" });
    }
    const account = r.id ? this.accounts.get(r.id) : undefined;
    if (req.method === "GET" && !r.edge && r.id && this.media.has(r.id)) {
      const m = this.media.get(r.id)!;
      return graphJson({
        messaging_product: "whatsapp",
        url: `${SANDBOX_GRAPH_BASE_URL}/download/${r.id}`,
        mime_type: m.mimeType,
        file_size: m.bytes.length,
        id: r.id,
      });
    }
    if (!account)
      return graphError({
        code: 100,
        subcode: 33,
        message: `Unsupported ${req.method} request. Object with ID '${r.id ?? ""}' does not exist`,
      });
    const key = `${req.method} ${r.edge ?? ""}`;
    if (key === "GET " && r.id === account.phoneNumberId)
      return graphJson({
        display_phone_number: account.phone.replace(/^\+/, ""),
        verified_name: "Toko Sandbox",
        quality_rating: "GREEN",
        id: account.phoneNumberId,
      });
    if (key === "POST messages" && r.id === account.phoneNumberId) return this.message(account, r.json ?? {});
    if (key === "POST media" && r.id === account.phoneNumberId) return this.upload(req);
    if (r.id === account.wabaId && r.edge === "message_templates") {
      if (req.method === "GET") return this.templatePage(account, r.query);
      if (req.method === "POST") return this.createTemplate(account, r.json ?? {});
      if (req.method === "DELETE") return this.deleteTemplate(account, r.query.get("name") ?? "");
    }
    return graphError({ code: 100, message: `Unsupported ${req.method} request.` });
  };

  /**
   * A customer of the sandbox writes to the channel's number (a text message webhook): the
   * 24-hour window opens. @returns the message's wamid
   * @throws Error when the channel has no sandbox account (not connected yet)
   */
  async customerWrites(channelId: string, from: string, text: string, name?: string): Promise<string> {
    const account = [...this.accounts.values()].find((a) => a.channelId === channelId);
    if (!account) throw new Error(`no sandbox Cloud API account for channel ${channelId}`);
    return this.inbound(account, from.replace(/^\+/, ""), { type: "text", text: { body: text } }, name);
  }

  /**
   * A customer of the sandbox taps a reply button under the shop's message `answering` (its
   * wamid): an `interactive` `button_reply` webhook, as Meta sends it. @returns its wamid
   * @throws Error when the channel has no sandbox account (not connected yet)
   */
  async customerTaps(
    channelId: string,
    from: string,
    button: { id: string; title: string },
    answering?: string,
  ): Promise<string> {
    const account = [...this.accounts.values()].find((a) => a.channelId === channelId);
    if (!account) throw new Error(`no sandbox Cloud API account for channel ${channelId}`);
    return this.inbound(account, from.replace(/^\+/, ""), {
      type: "interactive",
      interactive: { type: "button_reply", button_reply: button },
      ...(answering ? { context: { from: account.phone.replace(/^\+/, ""), id: answering } } : {}),
    });
  }

  /**
   * A customer of the sandbox taps a QUICK_REPLY button of the shop's template message
   * `answering` (its wamid): a `button` webhook (`button: { text, payload }`), as Meta
   * sends it. @returns its wamid
   * @throws Error when the channel has no sandbox account (not connected yet)
   */
  async customerTapsQuickReply(
    channelId: string,
    from: string,
    button: { text: string; payload?: string },
    answering?: string,
  ): Promise<string> {
    const account = [...this.accounts.values()].find((a) => a.channelId === channelId);
    if (!account) throw new Error(`no sandbox Cloud API account for channel ${channelId}`);
    return this.inbound(account, from.replace(/^\+/, ""), {
      type: "button",
      button: { text: button.text, payload: button.payload ?? button.text },
      ...(answering ? { context: { from: account.phone.replace(/^\+/, ""), id: answering } } : {}),
    });
  }

  private inbound(account: Account, waId: string, content: Record<string, unknown>, name?: string) {
    const now = this.now();
    const id = this.wamid(account, "in");
    account.lastInbound.set(waId, now);
    const value = {
      ...this.metadata(account),
      ...(name ? { contacts: [{ profile: { name }, wa_id: waId }] } : {}),
      messages: [{ from: waId, id, timestamp: String(Math.floor(now / 1000)), ...content }],
    };
    return this.post(account, value).then(() => id);
  }

  private message(account: Account, body: Record<string, unknown>): GraphAnswer {
    if (body.messaging_product !== "whatsapp")
      return graphError({ code: 100, message: "(#100) The parameter messaging_product is required." });
    if (body.status === "read") return graphJson({ success: true });
    const type = body.type as string | undefined;
    const to = body.to;
    if (typeof to !== "string" || !/^\d{8,15}$/.test(to) || !type || typeof body[type] !== "object")
      return graphError({ code: 100, message: "(#100) Invalid parameter" });
    const open = (account.lastInbound.get(to) ?? -Infinity) > this.now() - WINDOW_MS;
    let pricing: Record<string, unknown>;
    if (type === "interactive") {
      const problem = sentInteractiveProblem(body.interactive as SentInteractive);
      if (problem) return graphError(problem);
    }
    if (type === "template") {
      const sent = body.template as SentTemplate;
      const t = account.templates.find((x) => x.name === sent?.name && x.language === sent?.language?.code);
      if (t?.status !== "APPROVED")
        return graphError({
          code: 132001,
          message: "(#132001) Template name does not exist in the translation",
          details: `template name (${sent?.name}) does not exist in ${sent?.language?.code}`,
        });
      const problem = sentTemplateProblem(t, sent);
      if (problem) return graphError(problem);
      const category = (t.category ?? "MARKETING").toLowerCase();
      // A utility template inside an open window is free (Meta's pricing, since 1 July 2025).
      const free = category === "utility" && open;
      pricing = {
        billable: !free,
        pricing_model: "PMP",
        type: free ? "free_customer_service" : "regular",
        category,
      };
    } else
      pricing = { billable: false, pricing_model: "PMP", type: "free_customer_service", category: "service" };
    const wamid = this.wamid(account, "out");
    this.play(account, wamid, to, open || type === "template" ? pricing : null);
    return graphJson({
      messaging_product: "whatsapp",
      contacts: [{ input: to, wa_id: to }],
      messages: [{ id: wamid }],
    });
  }

  /**
   * The statuses of one accepted message: sent, delivered, and mostly read, each with
   * `pricing`; without pricing (free-form outside the window) one `failed` with 131047.
   * Some customers answer a template after reading it.
   */
  private play(account: Account, wamid: string, to: string, pricing: Record<string, unknown> | null): void {
    const rng = createRng(this.opts?.seed ?? "", wamid);
    const status =
      (s: string, extra: Record<string, unknown> = {}) =>
      () =>
        void this.post(account, {
          ...this.metadata(account),
          statuses: [
            {
              id: wamid,
              status: s,
              timestamp: String(Math.floor(this.now() / 1000)),
              recipient_id: to,
              ...extra,
            },
          ],
        });
    const timers = this.opts?.timers;
    if (!timers) return;
    if (!pricing) {
      timers.after(1_000, status("failed", { errors: [reEngagement] }));
      return;
    }
    timers.after(1_000, status("sent", { pricing }));
    const deliveredAt = rng.int(2_000, 8_000);
    timers.after(deliveredAt, status("delivered", { pricing }));
    if (!rng.chance(0.8)) return;
    const readAt = deliveredAt + rng.int(10_000, 90_000);
    timers.after(readAt, status("read", { pricing }));
    if (pricing.category !== "service" && rng.chance(0.3))
      timers.after(
        readAt + rng.int(20_000, 120_000),
        () => void this.inbound(account, to, { type: "text", text: { body: sandboxReply(rng) } }),
      );
  }

  private upload(req: GraphRequest): Promise<GraphAnswer> {
    return readMultipart(req).then((form) => {
      const file = form.file as { bytes?: Buffer; type?: string } | undefined;
      if (form.messaging_product !== "whatsapp" || !file?.bytes)
        return graphError({ code: 100, message: "(#100) The parameter file is required." });
      const id = String(900_000_000 + ++this.serial);
      this.media.set(id, { bytes: file.bytes, mimeType: String(form.type ?? file.type) });
      return graphJson({ id });
    });
  }

  private templatePage(account: Account, q: URLSearchParams): GraphAnswer {
    const limit = Number(q.get("limit") ?? 25);
    const start = q.get("after") ? Number(Buffer.from(q.get("after")!, "base64").toString()) || 0 : 0;
    const data = account.templates.slice(start, start + limit);
    const end = start + data.length;
    const cursor = (n: number) => Buffer.from(String(n)).toString("base64");
    const paging: Record<string, unknown> = { cursors: { before: cursor(start), after: cursor(end) } };
    if (end < account.templates.length)
      paging.next = `${SANDBOX_GRAPH_BASE_URL}/v21.0/${account.wabaId}/message_templates?limit=${limit}&after=${cursor(end)}`;
    return graphJson({ data, paging });
  }

  private createTemplate(account: Account, body: Record<string, unknown>): GraphAnswer {
    const problem: GraphErrorSpec | undefined = createdTemplateProblem(body, account.templates);
    if (problem) return graphError(problem);
    const id = String(7000 + account.templates.length);
    const t = { ...pendingTemplate(body), id };
    account.templates.push(t);
    const texts = JSON.stringify(t.components).toLowerCase();
    const rejected = this.rejectWords.some((w) => texts.includes(w));
    this.opts?.timers.after(this.reviewAfterMs, () => {
      t.status = rejected ? "REJECTED" : "APPROVED";
      t.rejected_reason = rejected ? "ABUSIVE_CONTENT" : "NONE";
      void this.post(account, templateStatusValue(id, t), "message_template_status_update");
    });
    return graphJson({ id, status: "PENDING", category: t.category });
  }

  private deleteTemplate(account: Account, name: string): GraphAnswer {
    if (!account.templates.some((t) => t.name === name))
      return graphError({ code: 100, message: "(#100) Invalid parameter", details: "template not found" });
    account.templates = account.templates.filter((t) => t.name !== name);
    return graphJson({ success: true });
  }

  private metadata(account: Account) {
    return {
      messaging_product: "whatsapp",
      metadata: {
        display_phone_number: account.phone.replace(/^\+/, ""),
        phone_number_id: account.phoneNumberId,
      },
    };
  }

  /** Posts one change of the account's webhook to Kabar; a failure goes to `onError`. */
  private post(account: Account, value: Record<string, unknown>, field = "messages"): Promise<void> {
    const opts = this.opts;
    if (!opts) return Promise.resolve();
    const payload = accountWebhook(account.wabaId, field, value, this.now());
    return opts.deliver(account.channelId, payload).catch((err: unknown) => opts.onError?.(err));
  }

  private wamid(account: Account, way: string): string {
    const id = hashHex(
      this.opts?.seed ?? "",
      account.phoneNumberId,
      way,
      String(this.now()),
      String(++this.serial),
    );
    return `wamid.${Buffer.from(id).toString("base64")}`;
  }

  private now(): number {
    return this.opts?.timers.now() ?? Date.now();
  }
}

/** Meta's error of a free-form message outside the customer-service window. */
const reEngagement = {
  code: 131047,
  title: "Re-engagement message",
  message: "Re-engagement message",
  error_data: {
    details:
      "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
  },
};

/** The process's sandbox Graph (configured by the composition root when Kabar starts). */
export const sandboxGraph = new SandboxGraph();
