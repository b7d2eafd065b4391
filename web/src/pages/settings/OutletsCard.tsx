import {
  Alert,
  Button,
  Group,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage, fieldError } from "../../api/client";
import { useProvinces } from "../../api/orders";
import { type Outlet, type OutletInput, useOutlets, useSaveOutlet } from "../../api/outlets";
import { useCan } from "../../api/session";

/** The outlet being edited; empty strings are "not given". */
interface Draft {
  name: string;
  address: string;
  city: string;
  province: string;
  phone: string;
}

const EMPTY: Draft = { name: "", address: "", city: "", province: "", phone: "" };

const draftOf = (o: Outlet): Draft => ({
  name: o.name,
  address: o.address ?? "",
  city: o.city ?? "",
  province: o.province ?? "",
  phone: o.phone ?? "",
});

/** The body of a save: trimmed, empty optional fields as null. */
const inputOf = (d: Draft): OutletInput => {
  const opt = (s: string) => (s.trim() === "" ? null : s.trim());
  return {
    name: d.name.trim(),
    address: opt(d.address),
    city: opt(d.city),
    province: opt(d.province),
    phone: opt(d.phone),
  };
};

/**
 * "Outlet" (issue 13): the shop's outlets (branches) with their address and phone. Those
 * who hold `outlets.manage` add and edit them; a shop's numbers, customers and staff can be
 * given an outlet once it has two. Shown to those who may read outlets.
 */
export function OutletsCard() {
  const { t } = useTranslation();
  const can = useCan();
  const outlets = useOutlets();
  const provinces = useProvinces();
  const save = useSaveOutlet();
  const [editing, setEditing] = useState<{ id?: string; draft: Draft } | null>(null);
  const manage = can("outlets.manage");
  const provinceName = (code: string | null) => provinces.data?.find((p) => p.code === code)?.name ?? "";
  const set = (patch: Partial<Draft>) => setEditing((e) => e && { ...e, draft: { ...e.draft, ...patch } });
  const submit = () => {
    if (!editing) return;
    save.mutate({ id: editing.id, input: inputOf(editing.draft) }, { onSuccess: () => setEditing(null) });
  };
  const open = (id: string | undefined, draft: Draft) => {
    save.reset();
    setEditing({ id, draft });
  };
  return (
    <Paper withBorder radius="md" p="md" maw={640} mt="lg" data-testid="outlets-card">
      <Group justify="space-between" align="flex-start">
        <Title order={4}>{t("settings.outlets.title")}</Title>
        {manage && (
          <Button size="xs" variant="light" onClick={() => open(undefined, EMPTY)} data-testid="outlet-add">
            {t("settings.outlets.add")}
          </Button>
        )}
      </Group>
      <Text c="dimmed" size="sm" mb="md">
        {t("settings.outlets.intro")}
      </Text>
      <Table>
        <Table.Tbody>
          {(outlets.data ?? []).map((o) => (
            <Table.Tr key={o.id} data-testid="outlet-row">
              <Table.Td>
                <Text fw={500}>{o.name}</Text>
                <Text size="xs" c="dimmed">
                  {[o.address, o.city, provinceName(o.province), o.phone].filter(Boolean).join(" · ")}
                </Text>
              </Table.Td>
              {manage && (
                <Table.Td align="right">
                  <Button size="xs" variant="subtle" onClick={() => open(o.id, draftOf(o))}>
                    {t("settings.outlets.edit")}
                  </Button>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.id ? t("settings.outlets.edit") : t("settings.outlets.add")}
      >
        {editing && (
          <Stack gap="sm">
            <TextInput
              label={t("settings.outlets.name")}
              value={editing.draft.name}
              onChange={(e) => set({ name: e.currentTarget.value })}
              maxLength={100}
              required
              error={fieldError(save.error, "name")}
              data-testid="outlet-name"
            />
            <TextInput
              label={t("settings.outlets.address")}
              value={editing.draft.address}
              onChange={(e) => set({ address: e.currentTarget.value })}
              maxLength={300}
              error={fieldError(save.error, "address")}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput
                label={t("settings.outlets.city")}
                value={editing.draft.city}
                onChange={(e) => set({ city: e.currentTarget.value })}
                maxLength={100}
                error={fieldError(save.error, "city")}
                data-testid="outlet-city"
              />
              <Select
                label={t("settings.outlets.province")}
                data={(provinces.data ?? []).map((p) => ({ value: p.code, label: p.name }))}
                value={editing.draft.province || null}
                onChange={(v) => set({ province: v ?? "" })}
                searchable
                clearable
                error={fieldError(save.error, "province")}
              />
            </SimpleGrid>
            <TextInput
              label={t("settings.outlets.phone")}
              value={editing.draft.phone}
              onChange={(e) => set({ phone: e.currentTarget.value })}
              maxLength={40}
              error={fieldError(save.error, "phone")}
              data-testid="outlet-phone"
            />
            {save.error && !fieldError(save.error, "name", "address", "city", "province", "phone") && (
              <Alert color="red">{errorMessage(save.error)}</Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setEditing(null)}>
                {t("settings.cancel")}
              </Button>
              <Button onClick={submit} loading={save.isPending} data-testid="outlet-save">
                {t("settings.save")}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Paper>
  );
}
