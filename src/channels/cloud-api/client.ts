/**
 * A small Graph API client for the WhatsApp Cloud API, on Node's built-in `fetch`.
 * Endpoints (Meta, WhatsApp Cloud API reference, https://developers.facebook.com/docs/whatsapp/cloud-api/reference):
 * - `GET  /<PHONE_NUMBER_ID>?fields=…`               the number (a cheap token check);
 * - `POST /<PHONE_NUMBER_ID>/messages`                send; answers `{ messaging_product,
 *   contacts: [{ input, wa_id }], messages: [{ id: "wamid.…" }] }`; also "mark as read +
 *   typing indicator" (`{ status: "read", message_id, typing_indicator: { type: "text" } }`);
 * - `POST /<PHONE_NUMBER_ID>/media`                   upload (multipart: file, type,
 *   messaging_product), answers `{ id }`;
 * - `GET  /<MEDIA_ID>`                                 `{ url, mime_type, sha256, file_size, id }`,
 *   then `GET <url>` with the same bearer token downloads the bytes (the URL lives 5 minutes);
 * - `GET  /<WABA_ID>/message_templates?fields=…&limit=…&after=…`  `{ data, paging: { cursors, next } }`.
 * Every call sends `Authorization: Bearer <access token>`.
 */
import { GraphApiError, GraphNetworkError } from './errors.js';

/** What a GraphClient needs. */
export interface GraphClientOptions {
  /** Scheme and host, e.g. "https://graph.facebook.com". */
  baseUrl: string;
  /** e.g. "v21.0". */
  graphVersion: string;
  accessToken: string;
  /** Defaults to the global fetch; tests pass their own. */
  fetch?: typeof fetch;
  /** Per-request timeout, ms (default 30 s). */
  timeoutMs?: number;
}

/** `GET /<PHONE_NUMBER_ID>`. */
export interface PhoneNumberInfo {
  id: string;
  display_phone_number?: string;
  verified_name?: string;
  quality_rating?: string;
}

/** `GET /<MEDIA_ID>`. */
export interface MediaInfo {
  id: string;
  url: string;
  mime_type?: string;
  sha256?: string;
  file_size?: number;
}

/** One template as `message_templates` lists it (components as Meta gives them). */
export interface GraphTemplate {
  id?: string;
  name: string;
  language: string;
  status: string;
  category?: string;
  components?: unknown[];
}

/** One page of templates; `after` is the cursor of the next page, absent on the last. */
export interface TemplatePage {
  data: GraphTemplate[];
  after?: string;
}

/** Connection errors after which the request cannot have reached the server. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/** Largest media file Kabar downloads, bytes (Meta's largest type, documents, is 100 MB). */
export const MAX_DOWNLOAD_BYTES = 100 * 1024 * 1024;

/**
 * Calls the Graph API with one access token.
 * Every method throws `GraphApiError` for an error answer and `GraphNetworkError` when
 * there was no answer (see errors.ts for what each means).
 */
export class GraphClient {
  private readonly fetch: typeof fetch;

  constructor(private readonly opts: GraphClientOptions) {
    this.fetch = opts.fetch ?? globalThis.fetch;
  }

  /** The phone number's display number and verified name: a cheap check that the token works. */
  phoneNumber(phoneNumberId: string): Promise<PhoneNumberInfo> {
    return this.json('GET', `${phoneNumberId}?fields=display_phone_number,verified_name,quality_rating`);
  }

  /**
   * Sends one message (`payload` as built by messages.ts, without `messaging_product`).
   * @returns the wamid Meta assigned, and the customer's WhatsApp id when given
   */
  async sendMessage(phoneNumberId: string, payload: Record<string, unknown>): Promise<{ wamid: string; waId?: string }> {
    const r = await this.json<{ contacts?: Array<{ wa_id?: string }>; messages?: Array<{ id?: string }> }>('POST', `${phoneNumberId}/messages`, {
      json: { messaging_product: 'whatsapp', recipient_type: 'individual', ...payload },
      idempotent: false,
    });
    const wamid = r.messages?.[0]?.id;
    if (!wamid) throw new GraphNetworkError('the send answer carried no message id', false);
    return { wamid, waId: r.contacts?.[0]?.wa_id };
  }

  /**
   * Marks a received message read and shows "typing…" to its sender; WhatsApp hides it when
   * the business answers or after 25 s (Cloud API "Typing indicators").
   */
  async typing(phoneNumberId: string, receivedWamid: string): Promise<void> {
    await this.json('POST', `${phoneNumberId}/messages`, {
      json: { messaging_product: 'whatsapp', status: 'read', message_id: receivedWamid, typing_indicator: { type: 'text' } },
      idempotent: true,
    });
  }

  /** Uploads a file for sending by id (ids live 30 days). @returns the media id */
  async uploadMedia(phoneNumberId: string, file: { bytes: Buffer; mimeType: string; filename: string }): Promise<string> {
    const form = new FormData();
    form.append('messaging_product', 'whatsapp');
    form.append('type', file.mimeType);
    form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.mimeType }), file.filename);
    const r = await this.json<{ id?: string }>('POST', `${phoneNumberId}/media`, { form, idempotent: true });
    if (!r.id) throw new GraphNetworkError('the upload answer carried no media id', true);
    return r.id;
  }

  /** Where a media file can be downloaded (valid 5 minutes), and its type and size. */
  mediaInfo(mediaId: string): Promise<MediaInfo> {
    return this.json('GET', encodeURIComponent(mediaId));
  }

  /**
   * Downloads a media URL from `mediaInfo` with the bearer token.
   * @throws GraphApiError when larger than `maxBytes`
   */
  async download(url: string, maxBytes = MAX_DOWNLOAD_BYTES): Promise<Buffer> {
    const res = await this.request('GET', url, {});
    if (!res.ok) throw GraphApiError.from(res.status, await readJson(res));
    const declared = Number(res.headers.get('content-length') ?? 0);
    if (declared > maxBytes) throw new GraphApiError(413, null, `media of ${declared} bytes is larger than ${maxBytes}`);
    const bytes = Buffer.from(await res.arrayBuffer());
    if (bytes.length > maxBytes) throw new GraphApiError(413, null, `media of ${bytes.length} bytes is larger than ${maxBytes}`);
    return bytes;
  }

  /** One page of the WhatsApp Business Account's templates (Graph cursor paging). */
  async listTemplates(wabaId: string, page: { after?: string; limit?: number } = {}): Promise<TemplatePage> {
    const q = new URLSearchParams({ fields: 'id,name,language,status,category,components', limit: String(page.limit ?? 100) });
    if (page.after) q.set('after', page.after);
    const r = await this.json<{ data?: GraphTemplate[]; paging?: { cursors?: { after?: string }; next?: string } }>('GET', `${wabaId}/message_templates?${q}`);
    const after = r.paging?.next ? r.paging.cursors?.after : undefined;
    return after ? { data: r.data ?? [], after } : { data: r.data ?? [] };
  }

  private async json<T>(method: 'GET' | 'POST', path: string, body: { json?: unknown; form?: FormData; idempotent?: boolean } = {}): Promise<T> {
    const url = `${this.opts.baseUrl}/${this.opts.graphVersion}/${path}`;
    const idempotent = body.idempotent ?? method === 'GET';
    const res = await this.request(method, url, body, idempotent);
    const parsed = await readJson(res);
    if (!res.ok) {
      const err = GraphApiError.from(res.status, parsed);
      // A gateway's 5xx without a Graph error says nothing about whether a send went through.
      if (err.code === null && res.status >= 500 && !idempotent) throw new GraphNetworkError(`HTTP ${res.status} without a Graph error`, false);
      throw err;
    }
    if (parsed === undefined) throw new GraphNetworkError(`unreadable answer (HTTP ${res.status})`, idempotent);
    return parsed as T;
  }

  private async request(method: string, url: string, body: { json?: unknown; form?: FormData }, idempotent = true): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.opts.accessToken}` };
    let payload: string | FormData | undefined;
    if (body.json !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body.json);
    } else if (body.form) payload = body.form;
    try {
      return await this.fetch(url, { method, headers, body: payload, signal: AbortSignal.timeout(this.opts.timeoutMs ?? 30_000) });
    } catch (err) {
      const code = (err as { cause?: { code?: string } }).cause?.code;
      const name = (err as Error).name;
      const why = name === 'TimeoutError' || name === 'AbortError' ? 'timed out' : (code ?? (err as Error).message);
      throw new GraphNetworkError(why, idempotent || (code !== undefined && NOT_SENT.has(code)));
    }
  }
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text().catch(() => '');
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}
