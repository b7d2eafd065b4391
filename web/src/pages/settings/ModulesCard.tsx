import { Alert, Anchor, Paper, Stack, Switch, Text, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { errorMessage } from "../../api/client";
import { keys } from "../../api/keys";
import { type ShopModule, useCan } from "../../api/session";
import { useUpdateTenant } from "../../api/tenant";
import type { Tenant } from "../../api/types";

/** The switchable modules in the order the card lists them (src/lib/modules.ts). */
export const SHOP_MODULES: readonly ShopModule[] = [
  "broadcast",
  "inbox",
  "automation",
  "commerce",
  "reminders",
  "reports",
];

/**
 * "Modul" (issue 13): one switch per module. Those who may change the shop's settings
 * (`settings.update`) switch a module off for the whole shop: its pages and menu entries
 * hide, its routes answer 403 `module_disabled` and its jobs skip the shop. Others see
 * the switches read-only. After a change the session is fetched again, so the menu follows.
 * In SaaS mode a module the shop's package leaves out (`packageDisabledModules`) shows off
 * and locked, "not in your package", with a link to the billing page.
 */
export function ModulesCard({ tenant }: { tenant: Tenant }) {
  const { t } = useTranslation();
  const can = useCan();
  const save = useUpdateTenant();
  const qc = useQueryClient();
  const editable = can("settings.update");
  // The switches as last asked for: quick clicks build on each other, not on a refetch in flight.
  const [asked, setAsked] = useState<readonly ShopModule[]>(tenant.disabledModules);
  const off = new Set(asked);
  const notInPackage = new Set(tenant.packageDisabledModules);
  const toggle = (m: ShopModule, on: boolean) => {
    const next = SHOP_MODULES.filter((x) => (x === m ? !on : off.has(x)));
    setAsked(next);
    save.mutate(
      { disabledModules: next },
      {
        onSuccess: () => void qc.invalidateQueries({ queryKey: keys.me }),
        onError: () => setAsked(tenant.disabledModules),
      },
    );
  };
  return (
    <Paper withBorder radius="md" p="md" maw={640} mt="lg" data-testid="modules-card">
      <Title order={4}>{t("settings.modules.title")}</Title>
      <Text c="dimmed" size="sm" mb="md">
        {t("settings.modules.intro")}
      </Text>
      <Stack gap="sm">
        {SHOP_MODULES.map((m) => {
          const locked = notInPackage.has(m);
          return (
            <Switch
              key={m}
              label={t(`settings.modules.name.${m}`)}
              description={
                locked ? (
                  <span data-testid={`module-${m}-package`}>
                    {t("billing.modules.notInPackage")} ·{" "}
                    <Anchor component={Link} to="/billing" size="xs">
                      {t("billing.modules.seePackages")}
                    </Anchor>
                  </span>
                ) : (
                  t(`settings.modules.what.${m}`)
                )
              }
              checked={!locked && !off.has(m)}
              disabled={locked || !editable || save.isPending}
              onChange={(e) => toggle(m, e.currentTarget.checked)}
              data-testid={`module-${m}`}
            />
          );
        })}
      </Stack>
      {save.error && (
        <Alert color="red" mt="md">
          {errorMessage(save.error)}
        </Alert>
      )}
    </Paper>
  );
}
