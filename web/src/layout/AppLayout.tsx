import { AppShell, Burger, Group, NavLink, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { NavLink as RouterLink, Outlet, useLocation } from "react-router";
import { useTranslation } from "react-i18next";
import { useBilling } from "../api/billing";
import { useCan, useTenant } from "../api/session";
import { LanguageSwitch } from "../components/LanguageSwitch";
import { BillingBanner } from "../pages/billing/BillingBanner";
import { WelcomeNote } from "../pages/billing/WelcomeNote";
import { useRealtimeSync } from "../realtime/useRealtimeSync";
import { LiveIndicator } from "./LiveIndicator";
import { visibleNav } from "./nav";
import { NotificationBell } from "./NotificationBell";
import { UserMenu } from "./UserMenu";

/** The signed-in frame: header (shop, live state, language, user) and navigation. */
export function AppLayout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const tenant = useTenant();
  const can = useCan();
  const { pathname } = useLocation();
  const billingOn = useBilling().data?.enabled === true;
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
        {visibleNav(can, tenant.data?.disabledModules ?? [], billingOn).map((item) => (
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
        <BillingBanner />
        <WelcomeNote />
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
