import {
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  TagsInput,
  Text,
  TextInput,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ApiError, errorMessage, fieldError } from "../../api/client";
import { useCan, useTenant } from "../../api/session";
import { type TenantInput, useUpdateTenant } from "../../api/tenant";
import type { Tenant } from "../../api/types";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { ModulesCard } from "./ModulesCard";
import { OutletsCard } from "./OutletsCard";

/** Indonesia's three time zones (WIB, WITA, WIT), west to east. */
export const INDONESIAN_ZONES = ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"] as const;

/** The shop's settings as the form edits them. */
interface Values {
  name: string;
  timeZone: string;
  locale: Tenant["locale"];
  optOutKeywords: string[];
  /** Days within which a contact who wrote counts as warm for a campaign; "" while the field is empty. */
  warmDays: number | "";
  /** Days the audit log keeps an entry (30–3650); "" while the field is empty (then not sent). */
  auditRetentionDays: number | "";
}

const valuesOf = (t: Tenant): Values => ({
  name: t.name,
  timeZone: t.timeZone,
  locale: t.locale,
  optOutKeywords: t.optOutKeywords,
  warmDays: t.warmDays,
  auditRetentionDays: t.auditRetentionDays,
});

/** The fields of `next` that differ from `saved`: what PATCH /tenant is sent. */
export function changedFields(saved: Values, next: Values): TenantInput {
  const out: TenantInput = {};
  if (next.name !== saved.name) out.name = next.name;
  if (next.timeZone !== saved.timeZone) out.timeZone = next.timeZone;
  if (next.locale !== saved.locale) out.locale = next.locale;
  if (next.optOutKeywords.join("\n") !== saved.optOutKeywords.join("\n"))
    out.optOutKeywords = next.optOutKeywords;
  if (next.warmDays !== "" && next.warmDays !== saved.warmDays) out.warmDays = next.warmDays;
  if (next.auditRetentionDays !== "" && next.auditRetentionDays !== saved.auditRetentionDays)
    out.auditRetentionDays = next.auditRetentionDays;
  return out;
}

/**
 * Opt-out words as the server keeps them (src/modules/tenants/service.ts): trimmed, in
 * capitals (matching ignores case), each once, none empty.
 */
export function normaliseWords(words: string[]): string[] {
  return [...new Set(words.map((w) => w.trim().toUpperCase()).filter((w) => w !== ""))];
}

/**
 * The shop's settings (`/settings`; changed with `settings.update`, others see them
 * read-only, and the API refuses their changes): name, time zone, language of downloaded files, opt-out words and
 * how many days back a contact's message makes them warm for a campaign (issue 15).
 */
export function SettingsPage() {
  const { t } = useTranslation();
  const tenant = useTenant();
  const can = useCan();
  return (
    <>
      <PageHeader title={t("settings.title")}>
        {can("settings.read") && (
          <Button
            component={Link}
            to="/settings/order-messages"
            variant="light"
            data-testid="settings-order-messages"
          >
            {t("orderMessages.nav")}
          </Button>
        )}
        {can("api_keys.read") && (
          <Button component={Link} to="/settings/api-keys" variant="light" data-testid="settings-api-keys">
            {t("apiKeys.nav")}
          </Button>
        )}
        {can("webhooks.read") && (
          <Button component={Link} to="/settings/webhooks" variant="light" data-testid="settings-webhooks">
            {t("webhooks.nav")}
          </Button>
        )}
      </PageHeader>
      <Text c="dimmed" size="sm" mb="md">
        {t("settings.intro")}
      </Text>
      <Paper withBorder radius="md" p="md" maw={640}>
        <QueryState query={tenant}>{(data) => <SettingsForm tenant={data} />}</QueryState>
      </Paper>
      {tenant.data && <ModulesCard tenant={tenant.data} />}
      {can("outlets.read") && <OutletsCard />}
    </>
  );
}

function SettingsForm({ tenant }: { tenant: Tenant }) {
  const { t } = useTranslation();
  const mayEdit = useCan()("settings.update");
  const save = useUpdateTenant();
  const saved = valuesOf(tenant);
  const [values, setValues] = useState<Values>(saved);
  const [missing, setMissing] = useState({ name: false, optOut: false, warmDays: false });
  const changes = changedFields(saved, values);
  // An emptied number field is a change too (Save then says what is missing).
  const dirty = Object.keys(changes).length > 0 || values.warmDays === "";
  const err = save.error;
  const code = err instanceof ApiError ? err.code : null;
  const errors = {
    name: missing.name ? t("settings.nameRequired") : fieldError(err, "name"),
    timeZone: code === "invalid_time_zone" ? errorMessage(err) : fieldError(err, "timeZone"),
    locale: fieldError(err, "locale"),
    optOut: missing.optOut ? t("settings.optOutRequired") : fieldError(err, "optOutKeywords"),
    warmDays: missing.warmDays ? t("settings.warmDaysRequired") : fieldError(err, "warmDays"),
    auditRetentionDays: fieldError(err, "auditRetentionDays"),
  };
  const general = err && !Object.values(errors).some(Boolean) ? errorMessage(err) : null;
  const edit = (patch: Partial<Values>) => {
    setValues((v) => ({ ...v, ...patch }));
    setMissing({ name: false, optOut: false, warmDays: false });
    if (save.error) save.reset();
  };
  const zones: string[] = [...INDONESIAN_ZONES];
  if (!zones.includes(values.timeZone)) zones.push(values.timeZone);
  const zoneLabel = (z: string) =>
    (INDONESIAN_ZONES as readonly string[]).includes(z)
      ? t(`settings.zone.${z as (typeof INDONESIAN_ZONES)[number]}`)
      : z;
  const submit = () => {
    const gaps = {
      name: values.name.trim() === "",
      optOut: values.optOutKeywords.length === 0,
      warmDays: values.warmDays === "",
    };
    setMissing(gaps);
    if (gaps.name || gaps.optOut || gaps.warmDays) return;
    save.mutate(changes, {
      onSuccess: (next) => {
        setValues(valuesOf(next));
        notifications.show({ color: "teal", message: t("settings.saved") });
      },
    });
  };
  return (
    <form
      data-testid="settings-form"
      noValidate // our own messages under the fields, in the interface language
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack>
        {!mayEdit && (
          <Alert color="gray" data-testid="settings-owner-only">
            {t("settings.ownerOnly")}
          </Alert>
        )}
        {general && (
          <Alert color="red" role="alert">
            {general}
          </Alert>
        )}
        <TextInput
          label={t("settings.name")}
          required
          disabled={!mayEdit}
          value={values.name}
          onChange={(e) => edit({ name: e.currentTarget.value })}
          error={errors.name}
          data-testid="settings-name"
        />
        <Select
          label={t("settings.timeZone")}
          description={t("settings.timeZoneHint")}
          disabled={!mayEdit}
          allowDeselect={false}
          data={zones.map((z) => ({ value: z, label: zoneLabel(z) }))}
          value={values.timeZone}
          onChange={(z) => z && edit({ timeZone: z })}
          error={errors.timeZone}
          data-testid="settings-time-zone"
        />
        <Select
          label={t("settings.locale")}
          description={t("settings.localeHint")}
          disabled={!mayEdit}
          allowDeselect={false}
          data={(["id", "en"] as const).map((l) => ({ value: l, label: t(`settings.language.${l}`) }))}
          value={values.locale}
          onChange={(l) => l && edit({ locale: l as Values["locale"] })}
          error={errors.locale}
          data-testid="settings-locale"
        />
        <TagsInput
          label={t("settings.optOut")}
          description={t("settings.optOutHint")}
          required
          disabled={!mayEdit}
          value={values.optOutKeywords}
          onChange={(words) => edit({ optOutKeywords: normaliseWords(words) })}
          error={errors.optOut}
          data-testid="settings-opt-out"
        />
        <NumberInput
          label={t("settings.warmDays")}
          description={t("settings.warmDaysHint")}
          required
          disabled={!mayEdit}
          allowDecimal={false}
          allowNegative={false}
          value={values.warmDays}
          onChange={(v) => edit({ warmDays: typeof v === "number" ? v : v === "" ? "" : Number(v) })}
          error={errors.warmDays}
          data-testid="settings-warm-days"
        />
        <NumberInput
          label={t("settings.auditRetention")}
          description={t("settings.auditRetentionHint")}
          disabled={!mayEdit}
          allowDecimal={false}
          allowNegative={false}
          min={30}
          max={3650}
          value={values.auditRetentionDays}
          onChange={(v) =>
            edit({ auditRetentionDays: typeof v === "number" ? v : v === "" ? "" : Number(v) })
          }
          error={errors.auditRetentionDays}
          data-testid="settings-audit-retention"
        />
        {mayEdit && (
          <Group justify="space-between">
            <Text size="sm" c="dimmed" data-testid="settings-unsaved">
              {dirty ? t("settings.unsaved") : ""}
            </Text>
            <Group gap="xs">
              <Button
                variant="default"
                disabled={!dirty || save.isPending}
                onClick={() => {
                  setValues(saved);
                  setMissing({ name: false, optOut: false, warmDays: false });
                  save.reset();
                }}
                data-testid="settings-cancel"
              >
                {t("settings.cancel")}
              </Button>
              <Button type="submit" disabled={!dirty} loading={save.isPending} data-testid="settings-save">
                {t("settings.save")}
              </Button>
            </Group>
          </Group>
        )}
      </Stack>
    </form>
  );
}
