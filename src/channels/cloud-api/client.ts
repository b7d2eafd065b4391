/**
 * A small Graph API client for the WhatsApp Cloud API, through the outbound guard
 * (src/lib/outbound): Graph calls go to the operator's Graph host only (KABAR_CLOUD_API_BASE_URL,
 * default https://graph.facebook.com), media downloads to the public URL Graph gave.
 * Endpoints (Meta, WhatsApp Cloud API reference, https://developers.facebook.com/docs/whatsapp/cloud-api/reference):
 * - `GET  /<PHONE_NUMBER_ID>?fields=…`               the number (a cheap token check);
 * - `POST /<PHONE_NUMBER_ID>/messages`                send; answers `{ messaging_product,
 *   contacts: [{ input, wa_id }], messages: [{ id: "wamid.…" }] }`; also "mark as read +
 *   typing indicator" (`{ status: "read", message_id, typing_indicator: { type: "text" } }`);
 * - `POST /<PHONE_NUMBER_ID>/media`                   upload (multipart: file, type,
 *   messaging_product), answers `{ id }`;
 * - `GET  /<MEDIA_ID>`                                 `{ url, mime_type, sha256, file_size, id }`,
 *   then `GET <url>` with the same bearer token downloads the bytes (the URL lives 5 minutes);
 * - `GET  /<WABA_ID>/message_templates?fields=…&limit=…&after=…`  `{ data, paging: { cursors, next } }`;
 * - `POST /<WABA_ID>/message_templates`               submit a template for review, answers
 *   `{ id, status, category }` ("Create and manage templates",
 *   https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/overview);
 * - `DELETE /<WABA_ID>/message_templates?name=…`      delete a template (every language), `{ success }`.
 * Every call sends `Authorization: Bearer <access token>`.
 */
import { fetchGuarded, OutboundError } from "../../lib/outbound/index.js";
import { GraphApiError, GraphNetworkError } from "./errors.js";

/** What a GraphClient needs. */
interface GraphClientOptions {
  /**
   * Scheme and host, e.g. "https://graph.facebook.com": operator-level only
   * (KABAR_CLOUD_API_BASE_URL), never from a shop's request or a channel's stored config.
   */
  baseUrl: string;
  /** e.g. "v21.0". */
  graphVersion: string;
  accessToken: string;
  /** Per-request timeout, ms (default 30 s; a media download gets 4× as long). */
  timeoutMs?: number;
  /**
   * Answers requests in-process instead of the network (the sandbox's Graph,
   * sandbox-graph/graph.ts): set only for a sandbox channel, never from a shop's input.
   * Without it every request goes through the outbound guard.
   */
  fetch?: GraphFetch;
}

/** A Graph API answered without the network: the request as it would be sent, its status and body. */
export type GraphFetch = (req: {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: Buffer | string;
}) => Promise<{ status: number; body: Buffer }>;

/** `GET /<PHONE_NUMBER_ID>`. */
interface PhoneNumberInfo {
  id: string;
  display_phone_number?: string;
  verified_name?: string;
  quality_rating?: string;
}

/** `GET /<MEDIA_ID>`. */
interface MediaInfo {
  id: string;
  url: string;
  mime_type?: string;
  sha256?: string;
  file_size?: number;
}

/** One template as `message_templates` lists it (components as Meta gives them). */
interface GraphTemplate {
  id?: string;
  name: string;
  language: string;
  status: string;
  category?: string;
  /** POSITIONAL ({{1}}, Meta's default when absent) or NAMED ({{customer_name}}). */
  parameter_format?: string;
  /** Why Meta rejected it ("NONE" when it did not). */
  rejected_reason?: string;
  components?: unknown[];
}

/** One page of templates; `after` is the cursor of the next page, absent on the last. */
interface TemplatePage {
  data: GraphTemplate[];
  after?: string;
}

/** The one text for "no answer" whatever happened on the network (no oracle of what listens). */
const GRAPH_UNREACHABLE = "Could not reach WhatsApp Cloud API";

/** Largest JSON answer read from the Graph API, bytes. */
const MAX_JSON_BYTES = 10 * 1024 * 1024;

/** An answer of the Graph API, read whole. */
interface GraphResponse {
  status: number;
  ok: boolean;
  body: Buffer;
}

/** Largest media file Kabar downloads, bytes (Meta's largest type, documents, is 100 MB). */
const MAX_DOWNLOAD_BYTES = 100 * 1024 * 1024;

/**
 * Calls the Graph API with one access token.
 * Every method throws `GraphApiError` for an error answer and `GraphNetworkError` when
 * there was no answer (see errors.ts for what each means).
 */
export class GraphClient {
  /** The only host Graph calls may reach. */
  private readonly graphHost: string;

  constructor(private readonly opts: GraphClientOptions) {
    this.graphHost = new URL(opts.baseUrl).hostname;
  }

  /** The phone number's display number and verified name: a cheap check that the token works. */
  phoneNumber(phoneNumberId: string): Promise<PhoneNumberInfo> {
    return this.json("GET", `${phoneNumberId}?fields=display_phone_number,verified_name,quality_rating`);
  }

  /**
   * Sends one message (`payload` as built by messages.ts, without `messaging_product`).
   * @returns the wamid Meta assigned, and the customer's WhatsApp id when given
   */
  async sendMessage(
    phoneNumberId: string,
    payload: Record<string, unknown>,
  ): Promise<{ wamid: string; waId?: string }> {
    const r = await this.json<{ contacts?: Array<{ wa_id?: string }>; messages?: Array<{ id?: string }> }>(
      "POST",
      `${phoneNumberId}/messages`,
      {
        json: { messaging_product: "whatsapp", recipient_type: "individual", ...payload },
        idempotent: false,
      },
    );
    const wamid = r.messages?.[0]?.id;
    if (!wamid) throw new GraphNetworkError("the send answer carried no message id", false);
    return { wamid, waId: r.contacts?.[0]?.wa_id };
  }

  /**
   * Marks a received message read and shows "typing…" to its sender; WhatsApp hides it when
   * the business answers or after 25 s (Cloud API "Typing indicators").
   */
  async typing(phoneNumberId: string, receivedWamid: string): Promise<void> {
    await this.json("POST", `${phoneNumberId}/messages`, {
      json: {
        messaging_product: "whatsapp",
        status: "read",
        message_id: receivedWamid,
        typing_indicator: { type: "text" },
      },
      idempotent: true,
    });
  }

  /** Uploads a file for sending by id (ids live 30 days). @returns the media id */
  async uploadMedia(
    phoneNumberId: string,
    file: { bytes: Buffer; mimeType: string; filename: string },
  ): Promise<string> {
    const form = new FormData();
    form.append("messaging_product", "whatsapp");
    form.append("type", file.mimeType);
    form.append("file", new Blob([new Uint8Array(file.bytes)], { type: file.mimeType }), file.filename);
    const r = await this.json<{ id?: string }>("POST", `${phoneNumberId}/media`, { form, idempotent: true });
    if (!r.id) throw new GraphNetworkError("the upload answer carried no media id", true);
    return r.id;
  }

  /** Where a media file can be downloaded (valid 5 minutes), and its type and size. */
  mediaInfo(mediaId: string): Promise<MediaInfo> {
    return this.json("GET", encodeURIComponent(mediaId));
  }

  /**
   * Downloads a media URL from `mediaInfo` with the bearer token.
   * @throws GraphApiError when larger than `maxBytes`
   */
  async download(url: string, maxBytes = MAX_DOWNLOAD_BYTES): Promise<Buffer> {
    // Any public https host (Meta serves media from its CDN, e.g. lookaside.fbsbx.com): the
    // URL comes from the Graph API itself; the guard still refuses private addresses.
    const res = await this.request("GET", url, {}, true, {
      maxBytes,
      allowedHosts: undefined,
      timeoutMs: (this.opts.timeoutMs ?? 30_000) * 4,
    });
    if (!res.ok) throw GraphApiError.from(res.status, parseJson(res.body));
    return res.body;
  }

  /** One page of the WhatsApp Business Account's templates (Graph cursor paging). */
  async listTemplates(wabaId: string, page: { after?: string; limit?: number } = {}): Promise<TemplatePage> {
    const q = new URLSearchParams({
      fields: "id,name,language,status,category,parameter_format,rejected_reason,components",
      limit: String(page.limit ?? 100),
    });
    if (page.after) q.set("after", page.after);
    const r = await this.json<{
      data?: GraphTemplate[];
      paging?: { cursors?: { after?: string }; next?: string };
    }>("GET", `${wabaId}/message_templates?${q}`);
    const after = r.paging?.next ? r.paging.cursors?.after : undefined;
    return after ? { data: r.data ?? [], after } : { data: r.data ?? [] };
  }

  /**
   * Submits a template for Meta's review (`body` as built by `graphTemplateBody`).
   * @returns Meta's template id, its status (PENDING, or APPROVED / REJECTED at once) and category
   */
  async createTemplate(
    wabaId: string,
    body: Record<string, unknown>,
  ): Promise<{ id: string; status: string; category?: string }> {
    const r = await this.json<{ id?: string; status?: string; category?: string }>(
      "POST",
      `${wabaId}/message_templates`,
      { json: body, idempotent: false },
    );
    if (!r.id) throw new GraphNetworkError("the template answer carried no template id", false);
    return { id: r.id, status: r.status ?? "PENDING", ...(r.category ? { category: r.category } : {}) };
  }

  /** Deletes the template `name` in every language (Meta deletes by name). */
  async deleteTemplate(wabaId: string, name: string): Promise<void> {
    await this.json("DELETE", `${wabaId}/message_templates?${new URLSearchParams({ name })}`, {
      idempotent: true,
    });
  }

  private async json<T>(
    method: "GET" | "POST" | "DELETE",
    path: string,
    body: { json?: unknown; form?: FormData; idempotent?: boolean } = {},
  ): Promise<T> {
    const url = `${this.opts.baseUrl}/${this.opts.graphVersion}/${path}`;
    const idempotent = body.idempotent ?? method === "GET";
    const res = await this.request(method, url, body, idempotent);
    const parsed = parseJson(res.body);
    if (!res.ok) {
      const err = GraphApiError.from(res.status, parsed);
      // A gateway's 5xx without a Graph error says nothing about whether a send went through.
      if (err.code === null && res.status >= 500 && !idempotent)
        throw new GraphNetworkError(`HTTP ${res.status} without a Graph error`, false);
      throw err;
    }
    if (parsed === undefined) throw new GraphNetworkError("unreadable answer", idempotent);
    return parsed as T;
  }

  /**
   * One guarded request with the bearer token. Every network failure becomes the same
   * GraphNetworkError text; `safeToRetry` when the request cannot have reached the server.
   * @throws GraphApiError 413 past `maxBytes`; GraphNetworkError otherwise
   */
  private async request(
    method: string,
    url: string,
    body: { json?: unknown; form?: FormData },
    idempotent = true,
    limits: { maxBytes: number; allowedHosts: readonly string[] | undefined; timeoutMs?: number } = {
      maxBytes: MAX_JSON_BYTES,
      allowedHosts: [this.graphHost],
    },
  ): Promise<GraphResponse> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.opts.accessToken}` };
    let payload: Buffer | string | undefined;
    if (body.json !== undefined) {
      headers["content-type"] = "application/json";
      payload = JSON.stringify(body.json);
    } else if (body.form) {
      // Serialise the multipart body (boundary and all) the way fetch would.
      const encoded = new Request("http://form.invalid/", { method: "POST", body: body.form });
      headers["content-type"] = encoded.headers.get("content-type")!;
      payload = Buffer.from(await encoded.arrayBuffer());
    }
    if (this.opts.fetch) {
      const res = await this.opts.fetch({ method, url, headers, body: payload });
      if (res.body.length > limits.maxBytes)
        throw new GraphApiError(413, null, `the answer is larger than ${limits.maxBytes} bytes`);
      return { status: res.status, ok: res.status >= 200 && res.status < 300, body: res.body };
    }
    try {
      const res = await fetchGuarded(url, {
        method,
        headers,
        body: payload,
        maxBytes: limits.maxBytes,
        allowedHosts: limits.allowedHosts,
        timeoutMs: limits.timeoutMs ?? this.opts.timeoutMs ?? 30_000,
      });
      return { status: res.status, ok: res.status >= 200 && res.status < 300, body: res.body };
    } catch (err) {
      if (!(err instanceof OutboundError)) throw err;
      if (err.code === "too_large")
        throw new GraphApiError(413, null, `the answer is larger than ${limits.maxBytes} bytes`);
      const why = err.code === "timeout" ? `${GRAPH_UNREACHABLE} (timed out)` : GRAPH_UNREACHABLE;
      throw new GraphNetworkError(why, idempotent || !err.requestSent);
    }
  }
}

function parseJson(body: Buffer): unknown {
  const text = body.toString("utf8");
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}
