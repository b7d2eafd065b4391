import { AppShell, Burger, Button, Group, NavLink, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { NavLink as RouterLink, Outlet, useLocation, useNavigate } from "react-router";
import { usePlatformMe, usePlatformSignOut } from "../../api/platform";
import { LanguageSwitch } from "../../components/LanguageSwitch";
import { PLATFORM_ZONE } from "./format";

/** The console's pages, in menu order. */
const NAV = [
  { to: "/platform", key: "platform.nav.totals", end: true },
  { to: "/platform/shops", key: "platform.nav.shops", end: false },
  { to: "/platform/packages", key: "platform.nav.packages", end: false },
  { to: "/platform/payments", key: "platform.nav.payments", end: false },
] as const;

/**
 * The platform console's frame, apart from the shops' app: its own menu (totals, shops,
 * packages, payments), the admin's e-mail and sign-out, and a footer naming the zone of
 * every time shown.
 */
export function PlatformLayout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const me = usePlatformMe();
  const signOut = usePlatformSignOut();
  return (
    <AppShell
      header={{ height: 60 }}
      footer={{ height: 36 }}
      navbar={{ width: 220, breakpoint: "md", collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="md" size="sm" aria-label={t("nav.menu")} />
            <Title order={3} c="indigo.7">
              {t("platform.title")}
            </Title>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitch />
            <Text size="sm" c="dimmed" visibleFrom="sm" data-testid="platform-admin">
              {me.data?.email}
            </Text>
            <Button
              size="xs"
              variant="default"
              loading={signOut.isPending}
              onClick={() =>
                signOut.mutate(undefined, {
                  onSettled: () => void navigate("/platform/sign-in", { replace: true }),
                })
              }
            >
              {t("platform.signOut")}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t("nav.label")}>
        {NAV.map((item) => (
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
      <AppShell.Footer px="md">
        <Text size="xs" c="dimmed" lh="36px" data-testid="platform-zone">
          {t("platform.zone", { zone: PLATFORM_ZONE })}
        </Text>
      </AppShell.Footer>
    </AppShell>
  );
}
