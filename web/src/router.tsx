import type { ReactElement } from "react";
import { createBrowserRouter } from "react-router";
import { AppLayout } from "./layout/AppLayout";
import { RequireSession } from "./layout/RequireSession";
import { SignInPage } from "./pages/auth/SignInPage";
import { HomeRoute } from "./layout/HomeRoute";
import { PageLoading } from "./components/PageLoading";
import { NotFoundPage } from "./pages/NotFoundPage";

/**
 * A page loaded when first opened (its own chunk), so the dashboard — the first page after
 * sign-in — does not wait for the code of every other page.
 */
const page =
  <M,>(load: () => Promise<M>, render: (m: M) => ReactElement) =>
  async () => ({ element: render(await load()) });

/**
 * The platform console (SaaS mode; web/src/pages/platform): its own sign-in, session and
 * frame, apart from the shops' pages. Paths are absolute so each starts with `/platform`.
 */
const platformRoutes = [
  {
    path: "/platform/sign-in",
    lazy: page(
      () => import("./pages/platform/PlatformSignInPage"),
      (m) => <m.PlatformSignInPage />,
    ),
  },
  {
    lazy: page(
      () => import("./pages/platform/RequirePlatformSession"),
      (m) => <m.RequirePlatformSession />,
    ),
    hydrateFallbackElement: <PageLoading />,
    children: [
      {
        lazy: page(
          () => import("./pages/platform/PlatformLayout"),
          (m) => <m.PlatformLayout />,
        ),
        children: [
          {
            path: "/platform",
            lazy: page(
              () => import("./pages/platform/TotalsPage"),
              (m) => <m.TotalsPage />,
            ),
          },
          {
            path: "/platform/shops",
            lazy: page(
              () => import("./pages/platform/ShopsPage"),
              (m) => <m.ShopsPage />,
            ),
          },
          {
            path: "/platform/packages",
            lazy: page(
              () => import("./pages/platform/PackagesPage"),
              (m) => <m.PackagesPage />,
            ),
          },
          {
            path: "/platform/payments",
            lazy: page(
              () => import("./pages/platform/PaymentsPage"),
              (m) => <m.PaymentsPage />,
            ),
          },
          { path: "/platform/*", element: <NotFoundPage home="/platform" /> },
        ],
      },
    ],
  },
];

/**
 * Every page; all but sign-in and sign-up need a session. A page opened first whose code is still
 * loading shows {@link PageLoading} (react-router's hydrate fallback).
 */
export const router = createBrowserRouter([
  { path: "/sign-in", element: <SignInPage /> },
  ...platformRoutes,
  {
    path: "/signup",
    hydrateFallbackElement: <PageLoading />,
    lazy: page(
      () => import("./pages/auth/SignUpPage"),
      (m) => <m.SignUpPage />,
    ),
  },
  {
    element: <RequireSession />,
    hydrateFallbackElement: <PageLoading />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <HomeRoute /> },
          {
            path: "campaigns",
            lazy: page(
              () => import("./pages/campaigns/CampaignListPage"),
              (m) => <m.CampaignListPage />,
            ),
          },
          {
            path: "campaigns/new",
            lazy: page(
              () => import("./pages/campaigns/NewCampaignPage"),
              (m) => <m.NewCampaignPage />,
            ),
          },
          {
            path: "campaigns/:id",
            lazy: page(
              () => import("./pages/campaigns/CampaignDetailPage"),
              (m) => <m.CampaignDetailPage />,
            ),
          },
          {
            path: "inbox",
            lazy: page(
              () => import("./pages/inbox/InboxPage"),
              (m) => <m.InboxPage />,
            ),
          },
          {
            path: "inbox/:id",
            lazy: page(
              () => import("./pages/inbox/InboxPage"),
              (m) => <m.InboxPage />,
            ),
          },
          {
            path: "orders",
            lazy: page(
              () => import("./pages/orders/OrderListPage"),
              (m) => <m.OrderListPage />,
            ),
          },
          {
            path: "orders/new",
            lazy: page(
              () => import("./pages/orders/NewOrderPage"),
              (m) => <m.NewOrderPage />,
            ),
          },
          {
            path: "orders/:id",
            lazy: page(
              () => import("./pages/orders/OrderDetailPage"),
              (m) => <m.OrderDetailPage />,
            ),
          },
          {
            path: "quick-replies",
            lazy: page(
              () => import("./pages/quick-replies/QuickRepliesPage"),
              (m) => <m.QuickRepliesPage />,
            ),
          },
          {
            path: "reports",
            lazy: page(
              () => import("./pages/reports/ReportsPage"),
              (m) => <m.ReportsPage />,
            ),
          },
          {
            path: "reminders",
            lazy: page(
              () => import("./pages/reminders/RemindersPage"),
              (m) => <m.RemindersPage />,
            ),
          },
          {
            path: "segments",
            lazy: page(
              () => import("./pages/segments/SegmentsPage"),
              (m) => <m.SegmentsPage />,
            ),
          },
          {
            path: "contacts",
            lazy: page(
              () => import("./pages/contacts/ContactsPage"),
              (m) => <m.ContactsPage />,
            ),
          },
          {
            path: "contacts/import",
            lazy: page(
              () => import("./pages/contacts/import/ImportWizardPage"),
              (m) => <m.ImportWizardPage />,
            ),
          },
          {
            path: "contacts/:id",
            lazy: page(
              () => import("./pages/contacts/ContactDetailPage"),
              (m) => <m.ContactDetailPage />,
            ),
          },
          {
            path: "products",
            lazy: page(
              () => import("./pages/products/ProductsPage"),
              (m) => <m.ProductsPage />,
            ),
          },
          {
            path: "channels",
            lazy: page(
              () => import("./pages/channels/ChannelsLayout"),
              (m) => <m.ChannelsLayout />,
            ),
            children: [
              {
                index: true,
                lazy: page(
                  () => import("./pages/channels/ChannelListPage"),
                  (m) => <m.ChannelListPage />,
                ),
              },
              {
                path: ":id",
                lazy: page(
                  () => import("./pages/channels/ChannelDetailPage"),
                  (m) => <m.ChannelDetailPage />,
                ),
              },
            ],
          },
          {
            path: "templates",
            lazy: page(
              () => import("./pages/templates/TemplateListPage"),
              (m) => <m.TemplateListPage />,
            ),
          },
          {
            path: "templates/new",
            lazy: page(
              () => import("./pages/templates/TemplateEditorPage"),
              (m) => <m.TemplateEditorPage key="new" />,
            ),
          },
          {
            path: "templates/:id",
            lazy: page(
              () => import("./pages/templates/TemplateEditorPage"),
              (m) => <m.TemplateEditorPage />,
            ),
          },
          {
            path: "automation",
            lazy: page(
              () => import("./pages/automation/AutomationPage"),
              (m) => <m.AutomationPage />,
            ),
          },
          {
            path: "automation/new",
            lazy: page(
              () => import("./pages/automation/RuleEditorPage"),
              (m) => <m.RuleEditorPage key="new" />,
            ),
          },
          {
            path: "automation/:id",
            lazy: page(
              () => import("./pages/automation/RuleEditorPage"),
              (m) => <m.RuleEditorPage />,
            ),
          },
          {
            path: "staff",
            lazy: page(
              () => import("./pages/staff/StaffPage"),
              (m) => <m.StaffPage />,
            ),
          },
          {
            path: "staff/roles",
            lazy: page(
              () => import("./pages/staff/RolesPage"),
              (m) => <m.RolesPage />,
            ),
          },
          {
            path: "settings",
            lazy: page(
              () => import("./pages/settings/SettingsPage"),
              (m) => <m.SettingsPage />,
            ),
          },
          {
            path: "settings/order-messages",
            lazy: page(
              () => import("./pages/order-messages/OrderMessagesSettingsPage"),
              (m) => <m.OrderMessagesSettingsPage />,
            ),
          },
          {
            path: "settings/api-keys",
            lazy: page(
              () => import("./pages/api-keys/ApiKeysPage"),
              (m) => <m.ApiKeysPage />,
            ),
          },
          {
            path: "audit",
            lazy: page(
              () => import("./pages/audit/AuditLogPage"),
              (m) => <m.AuditLogPage />,
            ),
          },
          {
            path: "settings/webhooks",
            lazy: page(
              () => import("./pages/webhooks/WebhooksPage"),
              (m) => <m.WebhooksPage />,
            ),
          },
          {
            path: "sandbox",
            lazy: page(
              () => import("./pages/sandbox/SandboxPhonesPage"),
              (m) => <m.SandboxPhonesPage />,
            ),
          },
          {
            path: "sandbox/:phone",
            lazy: page(
              () => import("./pages/sandbox/SandboxPhonePage"),
              (m) => <m.SandboxPhonePage />,
            ),
          },
          {
            path: "billing",
            lazy: page(
              () => import("./pages/billing/BillingPage"),
              (m) => <m.BillingPage />,
            ),
          },
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
