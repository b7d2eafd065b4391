/**
 * A fake Graph API (WhatsApp Cloud API) on 127.0.0.1, following Meta's documented
 * formats for the endpoints Kabar uses: the phone number node, messages (send, and
 * read + typing indicator; a template send is checked against the listed template's
 * parameters, POSITIONAL or NAMED), media upload / URL / download, and message_templates
 * with cursor paging. Errors are `{ error: { message, type, code, error_subcode, error_data,
 * fbtrace_id } }`. Tests script failures (`failNext`), cut connections (`dropNext`) and
 * read every request (`requests`). Plus `signedWebhook` to sign a webhook body like Meta.
 * Template creation and template sends are checked with Meta's rules, the sandbox Graph's own
 * (src/channels/cloud-api/sandbox-graph/rules.ts), and reviewed like Meta does (fake-graph-review.ts).
 */
import { createHmac, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type SentInteractive,
  sentInteractiveProblem,
  sentTemplateProblem,
  type SentTemplate,
} from "../../src/channels/cloud-api/sandbox-graph/rules.js";
import { createdTemplateProblem, TemplateReviewer } from "./fake-graph-review.js";

/** An endpoint of the fake, for scripting failures. */
type GraphEndpoint =
  | "phone"
  | "messages"
  | "media-upload"
  | "media-info"
  | "download"
  | "templates"
  | "template-create"
  | "template-delete";

/** A Graph error to answer with. */
interface ScriptedError {
  code: number;
  subcode?: number;
  /** HTTP status (default 400, 401 for code 190). */
  status?: number;
  message?: string;
  details?: string;
}

/** A request the fake received. */
interface RecordedRequest {
  endpoint: GraphEndpoint | "unknown";
  method: string;
  path: string;
  query: Record<string, string>;
  authorization?: string;
  /** Parsed JSON body (messages). */
  json?: Record<string, unknown>;
  /** Multipart fields (media upload); files as `{ filename, type, size }`. */
  form?: Record<string, unknown>;
}

/** A template as the fake lists it. */
export interface FakeTemplate {
  name: string;
  language: string;
  status: string;
  category?: string;
  /** POSITIONAL ({{1}}, the default) or NAMED ({{customer_name}}). */
  parameter_format?: "POSITIONAL" | "NAMED";
  /** Why Meta rejected it (Meta lists "NONE" otherwise). */
  rejected_reason?: string;
  components: unknown[];
}

/** The phone number id and WABA id the fake serves. */
export const FAKE_PHONE_NUMBER_ID = "106540352242922";
const FAKE_WABA_ID = "102290129340398";

/** The fake Graph API server; `await FakeGraph.start()`, `close()` after. */
export class FakeGraph {
  readonly requests: RecordedRequest[] = [];
  accessToken = "EAAtest-token";
  readonly phoneNumberId = FAKE_PHONE_NUMBER_ID;
  readonly wabaId = FAKE_WABA_ID;
  templates: FakeTemplate[] = [];
  /** How submitted templates are reviewed (approve after a delay, reject on a word), and where the outcome is posted. */
  readonly reviewer = new TemplateReviewer();
  readonly media = new Map<string, { bytes: Buffer; mimeType: string }>();
  private readonly failures = new Map<GraphEndpoint, Array<ScriptedError | "drop">>();
  private nextMediaId = 900_000_001;

  private constructor(
    private readonly server: Server,
    readonly baseUrl: string,
  ) {}

  static async start(): Promise<FakeGraph> {
    let fake: FakeGraph | undefined;
    const server = createServer((req, res) => void fake!.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    fake = new FakeGraph(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return fake;
  }

  /**
   * The operator settings that point a Kabar at this fake: the Graph host, allowed although
   * it is loopback over http (no shop's request can do this).
   */
  get operatorEnv(): { KABAR_CLOUD_API_BASE_URL: string; KABAR_OUTBOUND_ALLOW_HOSTS: string } {
    return { KABAR_CLOUD_API_BASE_URL: this.baseUrl, KABAR_OUTBOUND_ALLOW_HOSTS: new URL(this.baseUrl).host };
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** The next `times` calls of `endpoint` answer `error`. */
  failNext(endpoint: GraphEndpoint, error: ScriptedError, times = 1): void {
    this.queue(
      endpoint,
      Array.from({ length: times }, () => error),
    );
  }

  /** The next call of `endpoint` gets its connection destroyed without an answer. */
  dropNext(endpoint: GraphEndpoint): void {
    this.queue(endpoint, ["drop"]);
  }

  /** Stores a file as if a customer had sent it; returns its media id. */
  addMedia(bytes: Buffer, mimeType: string): string {
    const id = String(this.nextMediaId++);
    this.media.set(id, { bytes, mimeType });
    return id;
  }

  /** Requests to one endpoint. */
  calls(endpoint: GraphEndpoint): RecordedRequest[] {
    return this.requests.filter((r) => r.endpoint === endpoint);
  }

  private queue(endpoint: GraphEndpoint, items: Array<ScriptedError | "drop">): void {
    this.failures.set(endpoint, [...(this.failures.get(endpoint) ?? []), ...items]);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.baseUrl);
    const body = await readBody(req);
    const parts = url.pathname.split("/").filter(Boolean);
    const versioned = /^v\d+\.\d+$/.test(parts[0] ?? "");
    const [id, edge] = versioned ? parts.slice(1) : [];
    const endpoint: GraphEndpoint | "unknown" =
      parts[0] === "download"
        ? "download"
        : !versioned
          ? "unknown"
          : edge === "messages" && req.method === "POST"
            ? "messages"
            : edge === "media" && req.method === "POST"
              ? "media-upload"
              : edge === "message_templates" && req.method === "GET"
                ? "templates"
                : edge === "message_templates" && req.method === "POST"
                  ? "template-create"
                  : edge === "message_templates" && req.method === "DELETE"
                    ? "template-delete"
                    : !edge && req.method === "GET" && id === this.phoneNumberId
                      ? "phone"
                      : !edge && req.method === "GET" && id && this.media.has(id)
                        ? "media-info"
                        : "unknown";
    const record: RecordedRequest = {
      endpoint,
      method: req.method ?? "GET",
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorization: req.headers.authorization,
    };
    if (endpoint === "messages" || endpoint === "template-create")
      record.json = JSON.parse(body.toString("utf8") || "{}");
    if (endpoint === "media-upload") record.form = await readForm(req, body);
    this.requests.push(record);

    if (req.headers.authorization !== `Bearer ${this.accessToken}`) {
      return sendError(res, {
        code: 190,
        subcode: 463,
        message: "Error validating access token: Session has expired.",
      });
    }
    const scripted = endpoint !== "unknown" ? this.failures.get(endpoint)?.shift() : undefined;
    if (scripted === "drop") return void req.socket.destroy();
    if (scripted) return sendError(res, scripted);
    switch (endpoint) {
      case "phone":
        return sendJson(res, 200, {
          display_phone_number: "+62 811-0000-1234",
          verified_name: "Toko Sinar Jaya",
          quality_rating: "GREEN",
          id: this.phoneNumberId,
        });
      case "messages":
        return this.message(res, record.json!);
      case "media-upload": {
        const file = record.form?.file as { bytes?: Buffer; type?: string } | undefined;
        if (record.form?.messaging_product !== "whatsapp" || !file?.bytes)
          return sendError(res, { code: 100, message: "(#100) The parameter file is required." });
        return sendJson(res, 200, { id: this.addMedia(file.bytes, String(record.form.type ?? file.type)) });
      }
      case "media-info": {
        const m = this.media.get(id!)!;
        return sendJson(res, 200, {
          messaging_product: "whatsapp",
          url: `${this.baseUrl}/download/${id}`,
          mime_type: m.mimeType,
          sha256: "x",
          file_size: m.bytes.length,
          id,
        });
      }
      case "download": {
        const m = this.media.get(parts[1] ?? "");
        if (!m) return sendError(res, { code: 100, status: 404, message: "Media not found" });
        res.writeHead(200, { "content-type": m.mimeType, "content-length": m.bytes.length });
        return void res.end(m.bytes);
      }
      case "templates":
        return this.templatePage(res, url.searchParams);
      case "template-create":
        return this.createTemplate(res, record.json!);
      case "template-delete": {
        const name = url.searchParams.get("name") ?? "";
        if (!this.templates.some((t) => t.name === name))
          return sendError(res, {
            code: 100,
            message: "(#100) Invalid parameter",
            details: "template not found",
          });
        this.templates = this.templates.filter((t) => t.name !== name);
        return sendJson(res, 200, { success: true });
      }
      default:
        return sendError(res, { code: 100, message: `Unsupported ${req.method} request.` });
    }
  }

  private message(res: ServerResponse, body: Record<string, unknown>): void {
    if (body.messaging_product !== "whatsapp") {
      sendError(res, { code: 100, message: "(#100) The parameter messaging_product is required." });
      return;
    }
    if (body.status === "read") {
      sendJson(res, 200, { success: true });
      return;
    }
    const type = body.type as string | undefined;
    if (
      typeof body.to !== "string" ||
      !/^\d{8,15}$/.test(body.to) ||
      !type ||
      typeof body[type] !== "object"
    ) {
      sendError(res, { code: 100, message: "(#100) Invalid parameter" });
      return;
    }
    if (type === "template" || type === "interactive") {
      const problem =
        type === "template"
          ? this.templateProblem(body.template as SentTemplate)
          : sentInteractiveProblem(body.interactive as SentInteractive);
      if (problem) {
        sendError(res, problem);
        return;
      }
    }
    const wamid = `wamid.${randomBytes(18).toString("base64")}`;
    sendJson(res, 200, {
      messaging_product: "whatsapp",
      contacts: [{ input: body.to, wa_id: body.to }],
      messages: [{ id: wamid }],
    });
  }

  /**
   * Checks a template send against the template the fake lists, with Meta's rule
   * (`sentTemplateProblem`: error 132000 on a parameter mismatch). Templates the fake does
   * not list are not checked.
   */
  private templateProblem(sent: SentTemplate): ScriptedError | undefined {
    const t = this.templates.find((x) => x.name === sent?.name && x.language === sent?.language?.code);
    return t ? sentTemplateProblem(t, sent) : undefined;
  }

  /**
   * `POST /<WABA_ID>/message_templates`: Meta's checks (error 100; a taken name and language
   * is subcode 2388024), then the template is listed as PENDING and reviewed by `reviewer`.
   */
  private createTemplate(res: ServerResponse, body: Record<string, unknown>): void {
    const problem = createdTemplateProblem(body, this.templates);
    if (problem) {
      sendError(res, problem);
      return;
    }
    const t: FakeTemplate = {
      name: String(body.name),
      language: String(body.language),
      status: "PENDING",
      category: String(body.category),
      parameter_format: body.parameter_format === "NAMED" ? "NAMED" : "POSITIONAL",
      components: body.components as unknown[],
    };
    this.templates.push(t);
    const id = String(5000 + this.templates.length);
    sendJson(res, 200, { id, status: "PENDING", category: t.category });
    this.reviewer.review(this.wabaId, id, t);
  }

  private templatePage(res: ServerResponse, q: URLSearchParams): void {
    const limit = Number(q.get("limit") ?? 25);
    const start = q.get("after") ? Number(Buffer.from(q.get("after")!, "base64").toString()) : 0;
    const data = this.templates
      .slice(start, start + limit)
      .map((t, i) => ({ ...t, id: String(1000 + start + i) }));
    const end = start + data.length;
    const cursor = (n: number) => Buffer.from(String(n)).toString("base64");
    const paging: Record<string, unknown> = { cursors: { before: cursor(start), after: cursor(end) } };
    if (end < this.templates.length)
      paging.next = `${this.baseUrl}/v21.0/${this.wabaId}/message_templates?limit=${limit}&after=${cursor(end)}`;
    sendJson(res, 200, { data, paging });
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Parses a multipart body with the platform's own parser (undici's Request.formData). */
async function readForm(req: IncomingMessage, body: Buffer): Promise<Record<string, unknown>> {
  const form = await new Request("http://fake/", {
    method: "POST",
    headers: { "content-type": String(req.headers["content-type"]) },
    body,
  }).formData();
  const out: Record<string, unknown> = {};
  for (const [name, value] of form.entries()) {
    out[name] =
      typeof value === "string"
        ? value
        : {
            filename: value.name,
            type: value.type,
            size: value.size,
            bytes: Buffer.from(await value.arrayBuffer()),
          };
  }
  return out;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, e: ScriptedError): void {
  const error: Record<string, unknown> = {
    message: e.message ?? `(#${e.code}) scripted error`,
    type: "OAuthException",
    code: e.code,
    fbtrace_id: `A${randomBytes(8).toString("hex")}`,
  };
  if (e.subcode !== undefined) error.error_subcode = e.subcode;
  if (e.details) error.error_data = { messaging_product: "whatsapp", details: e.details };
  sendJson(res, e.status ?? (e.code === 190 ? 401 : 400), { error });
}

/**
 * JSON as Meta sends webhook bodies: every non-ASCII character escaped as `\uXXXX` with
 * lowercase hex digits (an emoji becomes its two UTF-16 surrogates).
 */
export function metaJson(payload: unknown): string {
  return JSON.stringify(payload).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/**
 * A webhook request body and headers as Meta would send them: `payload` serialised with
 * {@link metaJson} (or used as is when a string), signed with HMAC-SHA256 under `appSecret`
 * in `X-Hub-Signature-256`.
 */
export function signedWebhook(
  appSecret: string,
  payload: unknown,
): { body: Buffer; headers: Record<string, string> } {
  const body = Buffer.from(typeof payload === "string" ? payload : metaJson(payload), "utf8");
  const signature = `sha256=${createHmac("sha256", appSecret).update(body).digest("hex")}`;
  return { body, headers: { "content-type": "application/json", "x-hub-signature-256": signature } };
}
