import "i18next";
// One import per catalogue file (id/<area>.json); add yours to `Catalogue`.
import type campaigns from "./id/campaigns.json";
import type channels from "./id/channels.json";
import type contacts from "./id/contacts.json";
import type core from "./id/core.json";
import type dashboard from "./id/dashboard.json";
import type inbox from "./id/inbox.json";
import type templates from "./id/templates.json";
import type notifications from "./id/notifications.json";
import type automation from "./id/automation.json";
import type media from "./id/media.json";
import type quickReplies from "./id/quickReplies.json";
import type settings from "./id/settings.json";
import type health from "./id/health.json";
import type pool from "./id/pool.json";
import type orders from "./id/orders.json";
import type reports from "./id/reports.json";
import type apiKeys from "./id/apiKeys.json";
import type webhooks from "./id/webhooks.json";
import type products from "./id/products.json";
import type segments from "./id/segments.json";
import type orderMessages from "./id/orderMessages.json";
import type reminders from "./id/reminders.json";
import type permissions from "./id/permissions.json";
import type staff from "./id/staff.json";
import type audit from "./id/audit.json";
import type platform from "./id/platform.json";
import type billing from "./id/billing.json";

type Catalogue = typeof core &
  typeof reports &
  typeof health &
  typeof contacts &
  typeof notifications &
  typeof channels &
  typeof templates &
  typeof campaigns &
  typeof dashboard &
  typeof inbox &
  typeof automation &
  typeof media &
  typeof quickReplies &
  typeof settings &
  typeof pool &
  typeof orders &
  typeof products &
  typeof apiKeys &
  typeof webhooks &
  typeof segments &
  typeof orderMessages &
  typeof reminders &
  typeof permissions &
  typeof staff &
  typeof audit &
  typeof platform &
  typeof billing &
  typeof reports;

// Every t('…') key is checked against the Indonesian catalogue (the reference).
declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: Catalogue };
  }
}
