/**
 * Every error catalogue of Kabar, and docs/errors.md generated from them.
 * `npm run docs:errors` rewrites the file; src/errors-doc.test.ts fails when it is stale,
 * when a catalogue is missing from this list, or when a code has two statuses.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { channelLayerErrors } from "./channels/errors.js";
import { httpErrors } from "./http/error-catalogue.js";
import { jobErrors } from "./jobs/errors.js";
import { commonErrors } from "./lib/common-errors.js";
import { catalogueSpecs, type ErrorSpec } from "./lib/errors.js";
import { assignmentErrors } from "./modules/assignment/index.js";
import { authErrors } from "./modules/auth/index.js";
import { roleErrors } from "./modules/roles/index.js";
import { outletErrors } from "./modules/outlets/index.js";
import { apiKeyErrors } from "./modules/api-keys/index.js";
import { billingErrors } from "./modules/billing/index.js";
import { automationErrors } from "./modules/automation/index.js";
import { campaignErrors } from "./modules/campaigns/index.js";
import { meteringErrors } from "./modules/billing/index.js";
import { channelErrors } from "./modules/channels/index.js";
import { contactErrors } from "./modules/contacts/index.js";
import { inboxErrors } from "./modules/inbox/index.js";
import { mediaErrors } from "./modules/media/index.js";
import { notificationErrors } from "./modules/notifications/index.js";
import { orderErrors } from "./modules/orders/index.js";
import { outgoingWebhookErrors } from "./modules/outgoing-webhooks/index.js";
import { orderMessageErrors } from "./modules/order-messages/index.js";
import { reminderErrors } from "./modules/reminders/index.js";
import { productErrors } from "./modules/products/index.js";
import { sandboxErrors } from "./modules/sandbox/index.js";
import { templateErrors } from "./modules/templates/index.js";
import { tenantErrors } from "./modules/tenants/index.js";
import { userErrors } from "./modules/users/index.js";
import { webhookErrors } from "./modules/webhooks/index.js";
import { limitErrors } from "./modules/billing/index.js";
import { platformErrors } from "./modules/platform/index.js";

/** One catalogue: the area it belongs to, its file (from the repository root), the catalogue. */
export interface CatalogueEntry {
  area: string;
  file: string;
  catalogue: object;
}

/** Every catalogue, in the order docs/errors.md lists them. */
export const ERROR_CATALOGUES: CatalogueEntry[] = [
  { area: "Shared", file: "src/lib/common-errors.ts", catalogue: commonErrors },
  { area: "HTTP", file: "src/http/error-catalogue.ts", catalogue: httpErrors },
  { area: "WhatsApp layer", file: "src/channels/errors.ts", catalogue: channelLayerErrors },
  { area: "Background jobs", file: "src/jobs/errors.ts", catalogue: jobErrors },
  { area: "Sign-in", file: "src/modules/auth/errors.ts", catalogue: authErrors },
  { area: "Users", file: "src/modules/users/errors.ts", catalogue: userErrors },
  { area: "Roles", file: "src/modules/roles/errors.ts", catalogue: roleErrors },
  { area: "Outlets", file: "src/modules/outlets/errors.ts", catalogue: outletErrors },
  { area: "API keys", file: "src/modules/api-keys/errors.ts", catalogue: apiKeyErrors },
  { area: "Billing", file: "src/modules/billing/errors.ts", catalogue: billingErrors },
  { area: "Shop", file: "src/modules/tenants/errors.ts", catalogue: tenantErrors },
  { area: "WhatsApp numbers", file: "src/modules/channels/errors.ts", catalogue: channelErrors },
  { area: "Contacts and imports", file: "src/modules/contacts/errors.ts", catalogue: contactErrors },
  { area: "Products", file: "src/modules/products/errors.ts", catalogue: productErrors },
  { area: "Templates", file: "src/modules/templates/errors.ts", catalogue: templateErrors },
  { area: "Media", file: "src/modules/media/errors.ts", catalogue: mediaErrors },
  { area: "Campaigns", file: "src/modules/campaigns/errors.ts", catalogue: campaignErrors },
  { area: "Inbox", file: "src/modules/inbox/errors.ts", catalogue: inboxErrors },
  { area: "Assignment", file: "src/modules/assignment/errors.ts", catalogue: assignmentErrors },
  { area: "Automatic replies", file: "src/modules/automation/errors.ts", catalogue: automationErrors },
  { area: "Notifications", file: "src/modules/notifications/errors.ts", catalogue: notificationErrors },
  { area: "Orders", file: "src/modules/orders/errors.ts", catalogue: orderErrors },
  {
    area: "Order messages",
    file: "src/modules/order-messages/errors.ts",
    catalogue: orderMessageErrors,
  },
  { area: "Reminders", file: "src/modules/reminders/errors.ts", catalogue: reminderErrors },
  { area: "Sandbox", file: "src/modules/sandbox/errors.ts", catalogue: sandboxErrors },
  {
    area: "Package limits and downgrades",
    file: "src/modules/billing/limit-errors.ts",
    catalogue: limitErrors,
  },
  { area: "Platform console and sign-up", file: "src/modules/platform/errors.ts", catalogue: platformErrors },
  { area: "Cloud API webhook", file: "src/modules/webhooks/errors.ts", catalogue: webhookErrors },
  {
    area: "Outgoing webhooks",
    file: "src/modules/outgoing-webhooks/errors.ts",
    catalogue: outgoingWebhookErrors,
  },
  {
    area: "Quota metering (SaaS mode)",
    file: "src/modules/billing/metering-errors.ts",
    catalogue: meteringErrors,
  },
];

/** One entry of one catalogue, with where it is declared. */
export interface CatalogueSpec extends ErrorSpec {
  area: string;
  file: string;
  /** The builder's name in its catalogue (e.g. `notFound`). */
  name: string;
}

/** Every entry of every catalogue, in catalogue order. */
export function allErrorSpecs(): CatalogueSpec[] {
  return ERROR_CATALOGUES.flatMap(({ area, file, catalogue }) =>
    Object.entries(catalogueSpecs(catalogue)).map(([name, spec]) => ({ ...spec, area, file, name })),
  );
}

/** A parameter object whose every property reads `{name}`: a message function shows its placeholders. */
const PLACEHOLDERS = new Proxy({}, { get: (_, key) => (typeof key === "string" ? `{${key}}` : undefined) });

/** The messages of an entry, placeholders shown as `{name}`. */
function messagesOf(spec: ErrorSpec): { id: string; en: string } {
  return typeof spec.message === "function" ? spec.message(PLACEHOLDERS) : spec.message;
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** docs/errors.md, generated from the catalogues. */
export function renderErrorsDoc(): string {
  const specs = allErrorSpecs();
  const statusOf = new Map<string, number>();
  for (const s of specs) statusOf.set(s.code, s.status);
  const out: string[] = [
    "# Errors",
    "",
    "<!-- Generated from the error catalogues by `npm run docs:errors`; do not edit by hand. -->",
    "",
    "Every error Kabar answers has the same JSON body, whatever the route:",
    "",
    "```json",
    '{ "error": { "code": "unknown_channel", "message": "Nomor WhatsApp tidak ditemukan", "fields": { "channelId": "unknown channel" } } }',
    "```",
    "",
    "- `code` is stable: compare it, never the message. One code has one HTTP status.",
    "- `message` is in Bahasa Indonesia, or in English when the request's `Accept-Language`",
    "  starts with `en`. The CLI prints the English message and the code.",
    "- `fields` (when present) names each bad field of the request by its path",
    "  (`audience.importId`, `userIds.1`) with the problem in the same language as `message`.",
    "- An id in the **path** that does not exist in the shop answers 404 `<thing>_not_found`.",
    "  A body field naming a WhatsApp number, contact, conversation, import, template, media",
    "  file, agent or quick reply that does not exist answers 400 `unknown_<thing>` with the",
    "  field named.",
    "  Another shop's id always answers exactly like an unknown one.",
    "- 503 `database_unavailable` carries `Retry-After` (seconds).",
    "",
    "Errors are declared once per module in a catalogue (`src/modules/<name>/errors.ts`, built",
    "with `defineErrors` from `src/lib/errors.ts`) and turned into HTTP answers in one place,",
    "`src/http/errors.ts`. Messages below show their parameters as `{name}`.",
    "",
    "## All codes",
    "",
    "| code | status |",
    "| ---- | ------ |",
    ...[...statusOf.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, status]) => `| \`${code}\` | ${status} |`),
  ];
  for (const { area, file } of ERROR_CATALOGUES) {
    out.push("", `## ${area}`, "", `Declared in \`${file}\`.`, "");
    out.push("| code | status | when | message (id) | message (en) |");
    out.push("| ---- | ------ | ---- | ------------ | ------------ |");
    for (const s of specs.filter((x) => x.file === file)) {
      const m = messagesOf(s);
      out.push(`| \`${s.code}\` | ${s.status} | ${cell(s.when)} | ${cell(m.id)} | ${cell(m.en)} |`);
    }
  }
  return `${out.join("\n")}\n`;
}

/** Where docs/errors.md is. */
export const ERRORS_DOC_PATH = fileURLToPath(new URL("../docs/errors.md", import.meta.url));

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(ERRORS_DOC_PATH, renderErrorsDoc());
  console.log(`wrote ${ERRORS_DOC_PATH}`);
}
