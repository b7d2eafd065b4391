import { Alert, Button, Grid, Paper, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams, useSearchParams } from "react-router";
import {
  AUTO_REPLY_TYPES,
  useCreateRule,
  useDeleteRule,
  useRule,
  useUpdateRule,
  type AutoReplyRule,
  type AutoReplyType,
} from "../../api/automation";
import { ApiError, errorMessage } from "../../api/client";
import { useCan, useChannels } from "../../api/session";
import { ConfirmButton } from "../../components/ConfirmButton";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { useFormat } from "../../lib/useFormat";
import { draftOf, inputOf, newDraft, type RuleDraft } from "./ruleDraft";
import { RuleForm } from "./RuleForm";
import { RuleLog } from "./RuleLog";
import { TestPanel } from "./TestPanel";
import { useAutomationLive } from "./useAutomationLive";

/** /automation/new (`?type=` preselects the type) and /automation/:id: the rule's form, its log and the test panel. */
export function RuleEditorPage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const query = useRule(id ?? null);
  useAutomationLive();
  if (!id) {
    const type = AUTO_REPLY_TYPES.find((x) => x === params.get("type")) ?? "keyword";
    return <RuleEditor rule={null} type={type} />;
  }
  return (
    <QueryState query={query}>
      {(rule) => <RuleEditor key={rule.id} rule={rule} type={rule.type} />}
    </QueryState>
  );
}

function RuleEditor({ rule, type }: { rule: AutoReplyRule | null; type: AutoReplyType }) {
  const { t } = useTranslation();
  const f = useFormat();
  const navigate = useNavigate();
  const can = useCan();
  // Saving a new rule needs automation.create, an existing one automation.update.
  const mayEdit = can(rule ? "automation.update" : "automation.create");
  const channels = useChannels().data ?? [];
  const [draft, setDraft] = useState<RuleDraft>(() => (rule ? draftOf(rule) : newDraft(type)));
  const create = useCreateRule();
  const update = useUpdateRule();
  const remove = useDeleteRule();
  const save = rule ? update : create;
  const [nameMissing, setNameMissing] = useState(false);
  const error = nameMissing
    ? new ApiError(400, "validation_failed", "", { name: t("automation.form.nameRequired") })
    : save.error;
  const generalError =
    save.error && !(save.error instanceof ApiError && Object.keys(save.error.fields).length > 0)
      ? errorMessage(save.error)
      : null;

  const change = (next: RuleDraft) => {
    setDraft(next);
    setNameMissing(false);
    if (save.error) save.reset(); // the server's verdict is stale after an edit
  };
  const submit = () => {
    if (!draft.name.trim()) return setNameMissing(true);
    const input = inputOf(draft);
    const onSuccess = (saved: AutoReplyRule) => {
      notifications.show({ color: "teal", message: t("automation.saved", { name: saved.name }) });
      if (!rule) void navigate(`/automation/${saved.id}`, { replace: true });
    };
    if (rule) {
      const { type: _type, ...change } = input;
      update.mutate({ id: rule.id, change }, { onSuccess });
    } else create.mutate(input, { onSuccess });
  };

  return (
    <>
      <PageHeader title={rule ? rule.name : t("automation.newTitle")}>
        <Button variant="default" onClick={() => void navigate("/automation")}>
          {t("common.back")}
        </Button>
        {can("automation.delete") && rule && (
          <ConfirmButton
            variant="light"
            color="red"
            title={t("automation.deleteTitle")}
            message={t("automation.deleteConfirm", { name: rule.name })}
            confirmLabel={t("automation.delete")}
            loading={remove.isPending}
            onConfirm={() =>
              remove.mutate(rule.id, {
                onSuccess: () => {
                  notifications.show({
                    color: "teal",
                    message: t("automation.deleted", { name: rule.name }),
                  });
                  void navigate("/automation", { replace: true });
                },
                onError: (e) => notifications.show({ color: "red", message: errorMessage(e) }),
              })
            }
            data-testid="rule-delete"
          >
            {t("automation.delete")}
          </ConfirmButton>
        )}
        {mayEdit && (
          <Button onClick={submit} loading={save.isPending} data-testid="rule-save">
            {t("automation.save")}
          </Button>
        )}
      </PageHeader>
      {!mayEdit && (
        <Alert color="gray" mb="md">
          {t("automation.readOnly")}
        </Alert>
      )}
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Paper withBorder radius="md" p="md">
            <Stack>
              {generalError && (
                <Alert color="red" role="alert">
                  {generalError}
                </Alert>
              )}
              <RuleForm
                draft={draft}
                onChange={change}
                channels={channels}
                error={error}
                isNew={!rule}
                readOnly={!mayEdit}
              />
            </Stack>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack>
            {rule && (
              <Paper withBorder radius="md" p="md">
                <Text size="sm" data-testid="rule-stats">
                  {t("automation.stats", {
                    count: rule.triggerCount,
                    n: f.number(rule.triggerCount),
                    last: rule.lastTriggeredAt ? f.dateTime(rule.lastTriggeredAt) : t("automation.never"),
                  })}
                </Text>
              </Paper>
            )}
            <Paper withBorder radius="md" p="md">
              <TestPanel channels={channels} />
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>
      {rule && (
        <Paper withBorder radius="md" p="md" mt="lg">
          <Title order={4} mb="sm">
            {t("automation.log.title")}
          </Title>
          <RuleLog ruleId={rule.id} />
        </Paper>
      )}
    </>
  );
}
