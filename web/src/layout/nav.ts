import type { ParseKeys } from "i18next";
import type { Permission, ShopModule } from "../api/session";

/**
 * The navigation; an entry shows only to those who hold its page's permission (the API
 * refuses the rest). A switched-off module's keys are not in the session's permissions, so
 * its pages hide by permission; `module` names the module of a page whose permission
 * belongs to another one (segments: commerce; reminders: reminders), hidden too when off.
 */
const NAV: readonly {
  to: string;
  key: ParseKeys;
  end: boolean;
  /** The permission of its page, or a list of which any one opens it. */
  need: Permission | readonly Permission[];
  module?: ShopModule;
  /** Shown only when billing is on (SaaS mode, `GET /billing` enabled). */
  billing?: true;
}[] = [
  { to: "/", key: "nav.dashboard", end: true, need: "reports.read" },
  // Those who read only their own conversations (inbox.view_assigned) have an inbox too.
  { to: "/inbox", key: "inbox.nav", end: false, need: ["inbox.view_all", "inbox.view_assigned"] },
  { to: "/orders", key: "orders.nav", end: false, need: "orders.read" },
  { to: "/quick-replies", key: "quickReplies.nav", end: false, need: "inbox.reply" },
  { to: "/campaigns", key: "nav.campaigns", end: false, need: "campaigns.read" },
  { to: "/contacts", key: "nav.contacts", end: false, need: "contacts.read" },
  { to: "/reports", key: "reports.nav", end: false, need: "reports.read" },
  { to: "/products", key: "products.nav", end: false, need: "products.read" },
  { to: "/segments", key: "segments.nav", end: false, need: "contacts.read", module: "commerce" },
  { to: "/reminders", key: "reminders.nav", end: false, need: "campaigns.read", module: "reminders" },
  { to: "/templates", key: "templates.nav", end: false, need: "templates.read" },
  { to: "/channels", key: "channels.nav", end: false, need: "channels.read" },
  { to: "/automation", key: "automation.nav", end: false, need: "automation.read" },
  { to: "/sandbox", key: "nav.sandbox", end: false, need: "channels.read" },
  { to: "/staff", key: "staff.nav", end: false, need: "users.read" },
  { to: "/settings", key: "settings.nav", end: false, need: "settings.update" },
  { to: "/audit", key: "audit.nav", end: false, need: "audit.read" },
  { to: "/billing", key: "billing.nav", end: false, need: "billing.read", billing: true },
];

/**
 * The entries a user sees: those whose permission they hold, minus switched-off modules'
 * pages, and the billing page only when `billing` is on (SaaS mode).
 */
export function visibleNav(
  can: (key: Permission) => boolean,
  disabledModules: readonly ShopModule[],
  billing = false,
) {
  return NAV.filter(
    (item) =>
      [item.need].flat().some((key) => can(key)) &&
      !(item.module && disabledModules.includes(item.module)) &&
      (!item.billing || billing),
  );
}
