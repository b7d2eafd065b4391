import { Alert, Anchor, Badge, Paper, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useSandboxPhones } from "../../api/sandbox";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { formatPhone } from "../../lib/phone";

const pct = (rate: number) => `${Math.round(rate * 100)}%`;

/** The sandbox's virtual customers; each opens as a phone. */
export function SandboxPhonesPage() {
  const { t } = useTranslation();
  const query = useSandboxPhones();
  return (
    <>
      <PageHeader title={t("nav.sandbox")} />
      <Alert color="blue" mb="md">
        {t("sandbox.intro")}
      </Alert>
      <Paper withBorder radius="md" p="md">
        <QueryState query={query} empty={t("sandbox.empty")} isEmpty={(list) => list.length === 0}>
          {(phones) => (
            <Table.ScrollContainer minWidth={560}>
              <Table highlightOnHover data-testid="phones-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("sandbox.customer")}</Table.Th>
                    <Table.Th>{t("contacts.phone")}</Table.Th>
                    <Table.Th>{t("sandbox.whatsapp")}</Table.Th>
                    <Table.Th ta="right">{t("sandbox.readRate")}</Table.Th>
                    <Table.Th ta="right">{t("sandbox.replyRate")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {phones.map((p) => (
                    <Table.Tr key={p.phone} data-testid="phone-row" data-phone={p.phone}>
                      <Table.Td>
                        <Anchor component={Link} to={`/sandbox/${encodeURIComponent(p.phone)}`}>
                          {p.name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" ff="monospace" style={{ whiteSpace: "nowrap" }}>
                          {formatPhone(p.phone)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={p.onWhatsApp ? "teal" : "gray"}>
                          {p.onWhatsApp ? t("sandbox.onWhatsApp") : t("sandbox.notOnWhatsApp")}
                        </Badge>
                      </Table.Td>
                      <Table.Td ta="right">{pct(p.readRate)}</Table.Td>
                      <Table.Td ta="right">{pct(p.replyRate)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </QueryState>
      </Paper>
    </>
  );
}
