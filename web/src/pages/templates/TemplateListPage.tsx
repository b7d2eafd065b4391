import { Anchor, Badge, Button, Group, Paper, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { errorMessage } from "../../api/client";
import { useCan } from "../../api/session";
import { useDeleteTemplate, useTemplates } from "../../api/templates";
import type { Template } from "../../api/types";
import { ConfirmButton } from "../../components/ConfirmButton";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { useFormat } from "../../lib/useFormat";
import { useReadableTemplate } from "./useReadableTemplate";

/** The shop's message templates: name, variables, media, last change; new
 * (`templates.create`) and delete (`templates.delete`) as the role allows. */
export function TemplateListPage() {
  const { t } = useTranslation();
  const query = useTemplates();
  const can = useCan();
  return (
    <>
      <PageHeader title={t("templates.title")}>
        {can("templates.create") && (
          <Button component={Link} to="/templates/new" data-testid="new-template">
            {t("templates.new")}
          </Button>
        )}
      </PageHeader>
      <Text c="dimmed" size="sm" mb="md">
        {t("templates.intro")}
      </Text>
      <Paper withBorder radius="md" p="md">
        <QueryState query={query} empty={t("templates.empty")} isEmpty={(list) => list.length === 0}>
          {(list) => <TemplateTable templates={list} canDelete={can("templates.delete")} />}
        </QueryState>
      </Paper>
    </>
  );
}

function TemplateTable({ templates, canDelete }: { templates: Template[]; canDelete: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const remove = useDeleteTemplate();
  const { readable, label } = useReadableTemplate();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table highlightOnHover verticalSpacing="sm" data-testid="templates-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("templates.name")}</Table.Th>
            <Table.Th>{t("templates.message")}</Table.Th>
            <Table.Th>{t("templates.variables")}</Table.Th>
            <Table.Th>{t("templates.updated")}</Table.Th>
            {canDelete && <Table.Th />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {templates.map((tpl) => (
            <Table.Tr key={tpl.id}>
              <Table.Td>
                <Anchor component={Link} to={`/templates/${tpl.id}`} fw={500}>
                  {tpl.name}
                </Anchor>
              </Table.Td>
              <Table.Td maw={360}>
                <Group gap={6} wrap="nowrap">
                  {tpl.media && (
                    <Badge size="xs" variant="light" color="grape">
                      {t(`templates.mediaType.${tpl.media.type}`)}
                    </Badge>
                  )}
                  <Text size="sm" truncate>
                    {readable(tpl.body)}
                  </Text>
                </Group>
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {tpl.variables.map((v) => (
                    <Badge key={v} size="sm" variant="outline" tt="none">
                      {label(v)}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{f.dateTime(tpl.updatedAt)}</Text>
              </Table.Td>
              {canDelete && (
                <Table.Td ta="right">
                  <ConfirmButton
                    size="xs"
                    variant="subtle"
                    color="red"
                    title={t("templates.deleteTitle")}
                    message={t("templates.deleteConfirm", { name: tpl.name })}
                    confirmLabel={t("templates.delete")}
                    loading={remove.isPending && remove.variables === tpl.id}
                    onConfirm={() =>
                      remove.mutate(tpl.id, {
                        onSuccess: () =>
                          notifications.show({
                            color: "teal",
                            message: t("templates.deleted", { name: tpl.name }),
                          }),
                        onError: (e) => notifications.show({ color: "red", message: errorMessage(e) }),
                      })
                    }
                    data-testid="template-delete"
                  >
                    {t("templates.delete")}
                  </ConfirmButton>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
