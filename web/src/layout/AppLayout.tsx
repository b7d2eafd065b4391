import { AppShell, Burger, Group, NavLink, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { NavLink as RouterLink, Outlet, useLocation } from "react-router";
import type { ParseKeys } from "i18next";
import { useTranslation } from "react-i18next";
import { type Permission, type ShopModule, useCan, useTenant } from "../api/session";
import { LanguageSwitch } from "../components/LanguageSwitch";
import { useRealtimeSync } from "../realtime/useRealtimeSync";
import { LiveIndicator } from "./LiveIndicator";
import { NotificationBell } from "./NotificationBell";
import { UserMenu } from "./UserMenu";

/**
 * The navigation; an entry shows only to those who hold its page's permission (the API
 * refuses the rest). A switched-off module's keys are not in the session's permissions, so
 * its pages hide by permission; `module` names the module of a page whose permission
 * belongs to another one (segments: commerce; reminders: reminders), hidden too when off.
 */
const NAV: readonly { to: string; key: ParseKeys; end: boolean; need: Permission; module?: ShopModule }[] = [
  { to: "/", key: "nav.dashboard", end: true, need: "reports.read" },
  { to: "/inbox", key: "inbox.nav", end: false, need: "inbox.view_all" },
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
  { to: "/settings", key: "settings.nav", end: false, need: "settings.update" },
  { to: "/audit", key: "audit.nav", end: false, need: "audit.read" },
];

/** The signed-in frame: header (shop, live state, language, user) and navigation. */
export function AppLayout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const tenant = useTenant();
  const can = useCan();
  const { pathname } = useLocation();
  useRealtimeSync();
  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 230, breakpoint: "md", collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="md" size="sm" aria-label={t("nav.menu")} />
            <Title order={3} c="teal.7">
              Kabar
            </Title>
            <Text c="dimmed" size="sm" truncate data-testid="shop-name">
              {tenant.data?.name ?? ""}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LiveIndicator />
            <NotificationBell />
            <LanguageSwitch />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t("nav.label")}>
        {NAV.filter(
          (item) => can(item.need) && !(item.module && tenant.data?.disabledModules.includes(item.module)),
        ).map((item) => (
          <NavLink
            key={item.to}
            component={RouterLink}
            to={item.to}
            end={item.end}
            label={t(item.key)}
            active={item.end ? pathname === item.to : pathname.startsWith(item.to)}
            onClick={close}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
