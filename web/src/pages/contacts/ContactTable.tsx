import { Anchor, Badge, Checkbox, Group, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import type { Contact } from "../../api/types";
import { useFormat } from "../../lib/useFormat";
import { formatPhone } from "../../lib/phone";

interface Props {
  contacts: Contact[];
  selected: Set<string>;
  onSelect: (ids: string[], on: boolean) => void;
}

/** One page of contacts with a checkbox per row (and one for the whole page). */
export function ContactTable({ contacts, selected, onSelect }: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  // The detail page's way back keeps this list's filters and page.
  const { search } = useLocation();
  const ids = contacts.map((c) => c.id);
  const all = ids.length > 0 && ids.every((id) => selected.has(id));
  const some = ids.some((id) => selected.has(id));
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped highlightOnHover data-testid="contacts-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={40}>
              <Checkbox
                aria-label={t("contacts.bulk.selectPage")}
                checked={all}
                indeterminate={some && !all}
                onChange={() => onSelect(ids, !all)}
                data-testid="select-page"
              />
            </Table.Th>
            <Table.Th>{t("contacts.name")}</Table.Th>
            <Table.Th>{t("contacts.phone")}</Table.Th>
            <Table.Th>{t("contacts.labels")}</Table.Th>
            <Table.Th>{t("contacts.added")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {contacts.map((c) => (
            <Table.Tr
              key={c.id}
              data-testid="contact-row"
              bg={selected.has(c.id) ? "var(--mantine-color-teal-light)" : undefined}
            >
              <Table.Td>
                <Checkbox
                  aria-label={t("contacts.bulk.select", { name: c.name ?? c.phone })}
                  checked={selected.has(c.id)}
                  onChange={(e) => onSelect([c.id], e.currentTarget.checked)}
                />
              </Table.Td>
              <Table.Td>
                <Group gap={6}>
                  <Anchor
                    component={Link}
                    to={`/contacts/${c.id}`}
                    state={{ listSearch: search }}
                    size="sm"
                    data-testid="contact-link"
                  >
                    {c.name ?? "—"}
                  </Anchor>
                  {c.optedOut && (
                    <Badge color="red" variant="light" size="xs">
                      {t("contacts.optedOut")}
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace" style={{ whiteSpace: "nowrap" }}>
                  {formatPhone(c.phone)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {c.labels.map((l) => (
                    <Badge key={l} variant="outline" size="sm" tt="none">
                      {l}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="xs">{f.dateTime(c.createdAt)}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
