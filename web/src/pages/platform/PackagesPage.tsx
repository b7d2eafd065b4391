import { Badge, Button, Group, Modal, Table, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  type PlatformPackage,
  type TopupPack,
  usePlatformPackages,
  usePlatformTopups,
} from "../../api/platform";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { TableHead } from "../../components/TableHead";
import { formatRupiah } from "../../lib/rupiah";
import { SHOP_MODULES } from "../settings/ModulesCard";
import { usePlatformFormat } from "./format";
import { PackageForm } from "./PackageForm";
import { knownModules } from "./packageDraft";
import { TopupForm } from "./TopupForm";

/** What the form edits: nothing, a new one (null) or an existing one. */
type Editing<T> = { item: T | null } | undefined;

/** A catalogue row's first cell: the name, and below it the code (and `extra`, e.g. the trial's days). */
function NameCell({ name, code, extra }: { name: string; code: string; extra?: string }) {
  return (
    <Table.Td>
      <Text size="sm" fw={500}>
        {name}
      </Text>
      <Text size="xs" c="dimmed">
        {code}
        {extra && ` · ${extra}`}
      </Text>
    </Table.Td>
  );
}

/** A catalogue row's last cells: "Aktif" / "Nonaktif", and the edit button (`testId`). */
function ActiveAndEdit({ active, onEdit, testId }: { active: boolean; onEdit: () => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Table.Td>
        <Badge variant="light" color={active ? "teal" : "gray"}>
          {t(active ? "platform.active" : "platform.inactive")}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Button size="xs" variant="light" onClick={onEdit} data-testid={testId}>
          {t("platform.edit")}
        </Button>
      </Table.Td>
    </>
  );
}

/**
 * `/platform/packages`: the packages shops subscribe to (prices in rupiah, quotas with
 * "unlimited", modules) and the top-up packs, each created and edited in a form.
 */
export function PackagesPage() {
  const { t } = useTranslation();
  const f = usePlatformFormat();
  const packages = usePlatformPackages();
  const topups = usePlatformTopups();
  const [pkg, setPkg] = useState<Editing<PlatformPackage>>();
  const [pack, setPack] = useState<Editing<TopupPack>>();
  const limit = (n: number | null) => (n === null ? t("platform.unlimited") : f.number(n));
  return (
    <>
      <PageHeader title={t("platform.packages.title")}>
        <Button onClick={() => setPkg({ item: null })} data-testid="package-new">
          {t("platform.packages.new")}
        </Button>
      </PageHeader>
      <QueryState query={packages} empty={t("platform.packages.empty")} isEmpty={(d) => d.length === 0}>
        {(list) => (
          <Table.ScrollContainer minWidth={900}>
            <Table verticalSpacing="sm" striped>
              <TableHead
                columns={[
                  t("platform.form.name"),
                  t("platform.form.priceMonthly"),
                  t("platform.form.priceYearly"),
                  t("platform.form.messageQuota"),
                  t("platform.form.numbersLimit"),
                  t("platform.form.staffLimit"),
                  t("platform.form.contactsLimit"),
                  t("platform.form.modules"),
                  "",
                  "",
                ]}
              />
              <Table.Tbody>
                {list.map((p) => (
                  <Table.Tr key={p.id} data-testid="package-row">
                    <NameCell
                      name={p.name}
                      code={p.code}
                      extra={
                        p.isTrial ? t("platform.packages.trial", { count: p.trialDays ?? 0 }) : undefined
                      }
                    />
                    <Table.Td data-testid="package-price-monthly">{formatRupiah(p.priceMonthly)}</Table.Td>
                    <Table.Td>{formatRupiah(p.priceYearly)}</Table.Td>
                    <Table.Td data-testid="package-quota">{limit(p.messageQuota)}</Table.Td>
                    <Table.Td>{limit(p.numbersLimit)}</Table.Td>
                    <Table.Td>{limit(p.staffLimit)}</Table.Td>
                    <Table.Td>{limit(p.contactsLimit)}</Table.Td>
                    <Table.Td>
                      <Text size="xs">
                        {knownModules(p.modules, SHOP_MODULES)
                          .map((m) => t(`settings.modules.name.${m}`))
                          .join(", ")}
                      </Text>
                    </Table.Td>
                    <ActiveAndEdit
                      active={p.active}
                      onEdit={() => setPkg({ item: p })}
                      testId="package-edit"
                    />
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>

      <Group justify="space-between" mt="xl" mb="md">
        <Title order={3}>{t("platform.topups.title")}</Title>
        <Button variant="light" onClick={() => setPack({ item: null })} data-testid="topup-new">
          {t("platform.topups.new")}
        </Button>
      </Group>
      <QueryState query={topups} empty={t("platform.topups.empty")} isEmpty={(d) => d.length === 0}>
        {(list) => (
          <Table verticalSpacing="sm" striped maw={760}>
            <TableHead
              columns={[
                t("platform.form.name"),
                t("platform.topups.units"),
                t("platform.topups.price"),
                "",
                "",
              ]}
            />
            <Table.Tbody>
              {list.map((p) => (
                <Table.Tr key={p.id} data-testid="topup-row">
                  <NameCell name={p.name} code={p.code} />
                  <Table.Td>{f.number(p.units)}</Table.Td>
                  <Table.Td data-testid="topup-row-price">{formatRupiah(p.price)}</Table.Td>
                  <ActiveAndEdit active={p.active} onEdit={() => setPack({ item: p })} testId="topup-edit" />
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>

      <Modal
        opened={pkg !== undefined}
        onClose={() => setPkg(undefined)}
        title={pkg?.item ? t("platform.packages.edit", { name: pkg.item.name }) : t("platform.packages.new")}
        size="lg"
      >
        {pkg && <PackageForm pkg={pkg.item} onDone={() => setPkg(undefined)} />}
      </Modal>
      <Modal
        opened={pack !== undefined}
        onClose={() => setPack(undefined)}
        title={pack?.item ? t("platform.topups.edit", { name: pack.item.name }) : t("platform.topups.new")}
      >
        {pack && <TopupForm pack={pack.item} onDone={() => setPack(undefined)} />}
      </Modal>
    </>
  );
}
