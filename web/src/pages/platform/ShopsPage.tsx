import { useDebouncedValue } from "@mantine/hooks";
import { Group, NativeSelect, Pagination, Stack, Table, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import {
  type PlatformShop,
  SHOPS_PAGE_SIZE,
  type ShopFilters,
  SUBSCRIPTION_STATUSES,
  type SubscriptionStatus,
  usePlatformShops,
  useResumeShop,
} from "../../api/platform";
import { ConfirmButton } from "../../components/ConfirmButton";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { TableHead } from "../../components/TableHead";
import { usePlatformFormat } from "./format";
import { SubscriptionBadge } from "./SubscriptionBadge";
import { GrantPackageButton } from "./GrantPackageButton";
import { SuspendButton } from "./SuspendButton";

/** "Resume" on a suspended shop's row, confirmed first. */
function ResumeButton({ shop }: { shop: PlatformShop }) {
  const { t } = useTranslation();
  const resume = useResumeShop();
  return (
    <ConfirmButton
      size="xs"
      variant="light"
      loading={resume.isPending}
      title={t("platform.shops.resumeTitle", { name: shop.name })}
      message={t("platform.shops.resumeWhat")}
      confirmLabel={t("platform.shops.resume")}
      onConfirm={() =>
        resume.mutate(shop.id, {
          onError: (e) => notifications.show({ color: "red", message: errorMessage(e) }),
        })
      }
      data-testid="resume"
    >
      {t("platform.shops.resume")}
    </ConfirmButton>
  );
}

/** One shop's row: who, which package, where the subscription stands, its usage this period. */
function ShopRow({ shop }: { shop: PlatformShop }) {
  const { t } = useTranslation();
  const f = usePlatformFormat();
  const u = shop.usage;
  return (
    <Table.Tr data-testid="shop-row">
      <Table.Td>
        <Text size="sm" fw={500}>
          {shop.name}
        </Text>
        <Text size="xs" c="dimmed" data-testid="shop-owner">
          {shop.ownerEmail ?? t("platform.shops.noOwner")}
        </Text>
      </Table.Td>
      <Table.Td data-testid="shop-package">{shop.package?.name ?? "—"}</Table.Td>
      <Table.Td>
        <SubscriptionBadge status={shop.status} />
      </Table.Td>
      <Table.Td data-testid="shop-period-end">{shop.periodEnd ? f.dateTime(shop.periodEnd) : "—"}</Table.Td>
      <Table.Td>
        <Text size="sm" data-testid="shop-messages">
          {u.messagesAllowance === null
            ? t("platform.shops.messagesUnlimited", { used: f.number(u.messagesUsed) })
            : t("platform.shops.messagesOf", {
                used: f.number(u.messagesUsed),
                allowance: f.number(u.messagesAllowance),
              })}
        </Text>
        <Text size="xs" c="dimmed" data-testid="shop-topup">
          {t("platform.shops.topupLeft", { count: u.topupLeft, units: f.number(u.topupLeft) })}
        </Text>
      </Table.Td>
      <Table.Td data-testid="shop-counts">
        {t("platform.shops.counts", {
          numbers: f.number(u.numbers),
          staff: f.number(u.staff),
          contacts: f.number(u.contacts),
        })}
      </Table.Td>
      <Table.Td data-testid="shop-created">{f.dateTime(shop.createdAt)}</Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <GrantPackageButton shop={shop} />
          {/* A shop without a subscription is neither suspended nor resumed (409 shop_without_subscription). */}
          {shop.status === "suspended" ? (
            <ResumeButton shop={shop} />
          ) : (
            shop.status !== null && <SuspendButton shop={shop} />
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * `/platform/shops`: every shop with its package, subscription status, period end and usage
 * (messages used of the allowance plus top-ups left, numbers, staff, contacts) — never its
 * contacts or conversations; a shop without a subscription (made before SaaS mode) shows
 * "no subscription" and no package, period end or suspend; searched by name or owner e-mail (asked 300 ms after typing
 * stops), filtered by status, paged;
 * suspend (with a reason) or resume.
 */
export function ShopsPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<ShopFilters>({ search: "", status: "", page: 1 });
  // Typing asks once it pauses, not at every key.
  const [asked] = useDebouncedValue(filters, 300);
  const shops = usePlatformShops(asked);
  const pages = Math.max(1, Math.ceil((shops.data?.total ?? 0) / SHOPS_PAGE_SIZE));
  return (
    <>
      <PageHeader title={t("platform.shops.title")} />
      <Group mb="md" align="flex-end">
        <TextInput
          label={t("platform.shops.search")}
          placeholder={t("platform.shops.searchHint")}
          value={filters.search}
          onChange={(e) => setFilters({ ...filters, search: e.currentTarget.value, page: 1 })}
          data-testid="shops-search"
        />
        <NativeSelect
          label={t("platform.shops.statusFilter")}
          value={filters.status}
          onChange={(e) =>
            setFilters({ ...filters, status: e.currentTarget.value as SubscriptionStatus | "", page: 1 })
          }
          data={[
            { value: "", label: t("platform.shops.allStatuses") },
            ...SUBSCRIPTION_STATUSES.map((s) => ({ value: s, label: t(`platform.status.${s}`) })),
          ]}
          data-testid="shops-status"
        />
      </Group>
      <QueryState query={shops} empty={t("platform.shops.empty")} isEmpty={(d) => d.shops.length === 0}>
        {(data) => (
          <Stack>
            <Table.ScrollContainer minWidth={900}>
              <Table verticalSpacing="sm" striped>
                <TableHead
                  columns={[
                    t("platform.shops.shop"),
                    t("platform.shops.package"),
                    t("platform.shops.status"),
                    t("platform.shops.periodEnd"),
                    t("platform.shops.messages"),
                    t("platform.shops.usage"),
                    t("platform.shops.created"),
                    "",
                  ]}
                />
                <Table.Tbody>
                  {data.shops.map((s) => (
                    <ShopRow key={s.id} shop={s} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Group justify="space-between">
              <Text size="sm" c="dimmed" data-testid="shops-total">
                {t("platform.shops.total", { count: data.total })}
              </Text>
              {pages > 1 && (
                <Pagination
                  total={pages}
                  value={filters.page}
                  onChange={(page) => setFilters({ ...filters, page })}
                  data-testid="shops-pages"
                />
              )}
            </Group>
          </Stack>
        )}
      </QueryState>
    </>
  );
}
