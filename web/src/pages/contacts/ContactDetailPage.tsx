import { Anchor, Badge, Grid, Group, Paper, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { errorMessage } from "../../api/client";
import { useContact, useDeleteContact } from "../../api/contacts";
import { useCan } from "../../api/session";
import { ConfirmButton } from "../../components/ConfirmButton";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { useFormat } from "../../lib/useFormat";
import { ContactForm } from "./ContactForm";
import { ContactSegment } from "../segments/ContactSegment";
import { ContactHistoryPanel } from "./ContactHistoryPanel";

/** One contact: its details (editable), campaigns and conversations. */
export function ContactDetailPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const f = useFormat();
  const navigate = useNavigate();
  // Back to the list as it was (filters and page), when we came from it.
  const listSearch = (useLocation().state as { listSearch?: string } | null)?.listSearch ?? "";
  const query = useContact(id);
  const remove = useDeleteContact();
  const can = useCan();
  return (
    <>
      <Anchor component={Link} to={`/contacts${listSearch}`} size="sm" data-testid="back-to-contacts">
        ← {t("nav.contacts")}
      </Anchor>
      <QueryState query={query}>
        {(c) => (
          <>
            <PageHeader
              title={
                <Group gap="xs" component="span">
                  <span data-testid="contact-title">{c.name ?? c.phone}</span>
                  {c.optedOut && (
                    <Badge color="red" variant="light">
                      {t("contacts.optedOut")}
                    </Badge>
                  )}
                </Group>
              }
            >
              {can("contacts.delete") && (
                <ConfirmButton
                  color="red"
                  variant="light"
                  title={t("contacts.detail.deleteTitle")}
                  message={t("contacts.detail.deleteMessage", { name: c.name ?? c.phone })}
                  confirmLabel={t("contacts.detail.delete")}
                  loading={remove.isPending}
                  onConfirm={() =>
                    remove.mutate(c.id, {
                      onSuccess: () => {
                        notifications.show({
                          color: "teal",
                          message: t("contacts.detail.deleted", { name: c.name ?? c.phone }),
                        });
                        void navigate(`/contacts${listSearch}`);
                      },
                      onError: (err) => notifications.show({ color: "red", message: errorMessage(err) }),
                    })
                  }
                >
                  {t("contacts.detail.delete")}
                </ConfirmButton>
              )}
            </PageHeader>
            <Grid gutter="md">
              <Grid.Col span={{ base: 12, md: 5 }}>
                <Paper withBorder radius="md" p="md">
                  <ContactForm key={c.updatedAt} contact={c} />
                  <Text size="xs" c="dimmed" mt="md">
                    {t("contacts.added")}: {f.dateTime(c.createdAt)}
                    {c.optedOutAt ? ` · ${t("contacts.optedOut")}: ${f.dateTime(c.optedOutAt)}` : ""}
                  </Text>
                </Paper>
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 7 }}>
                <ContactSegment contactId={c.id} />
                <ContactHistoryPanel contactId={c.id} />
              </Grid.Col>
            </Grid>
          </>
        )}
      </QueryState>
    </>
  );
}
