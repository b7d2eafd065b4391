import { Alert, Button, Group, Paper, Stepper } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { DraftNotStarted, useCreateCampaign, type AfterCreate } from "../../api/campaigns";
import { ApiError, errorMessage, fieldError } from "../../api/client";
import { useWaTemplates } from "../../api/channels";
import { useChannels } from "../../api/session";
import { ConfirmButton } from "../../components/ConfirmButton";
import { PageHeader } from "../../components/PageHeader";
import { quotaShortfall } from "./QuotaDialog";
import { AudienceStep } from "./composer/AudienceStep";
import { ChannelStep } from "./composer/ChannelStep";
import {
  EMPTY_DRAFT,
  STEPS,
  sendAction,
  stepOfField,
  toInput,
  validateStep,
  type Draft,
} from "./composer/draft";
import { type KindOf, messageModeOf, mixesRails, templateChannelOf } from "./composer/pool";
import { MessageStep } from "./composer/MessageStep";
import { ReviewStep } from "./composer/ReviewStep";
import { ScheduleStep } from "./composer/ScheduleStep";

/**
 * The campaign composer: audience → number & pacing → message → schedule → review (with
 * the recipient count and the estimated sending time). Each step is checked before the
 * next; the server's field errors bring the user back to the step that holds the field.
 */
export function NewCampaignPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const channels = useChannels();
  const create = useCreateCampaign();
  // `?segment=at_risk` (the segments page's "send a campaign"): start with that audience.
  const [params] = useSearchParams();
  const [draft, setDraft] = useState<Draft>(() => {
    const segment = params.get("segment");
    return segment ? { ...EMPTY_DRAFT, audienceType: "segment", segment } : EMPTY_DRAFT;
  });
  const [active, setActive] = useState(0);
  const [problems, setProblems] = useState<Record<string, string>>({});

  // The first number is the default until one is chosen.
  const effective: Draft = { ...draft, channelId: draft.channelId ?? channels.data?.[0]?.id ?? null };
  const kindOf: KindOf = (id) => channels.data?.find((c) => c.id === id)?.kind;
  const mode = messageModeOf(effective, kindOf);
  // The Cloud API number whose approved templates the campaign uses (null: free text only).
  const templateChannelId = templateChannelOf(effective, kindOf);
  const waTemplates = useWaTemplates(templateChannelId ?? "", templateChannelId !== null);
  const chosenWa = waTemplates.data?.find(
    (x) => x.name === draft.waTemplate?.name && x.language === draft.waTemplate?.language,
  );
  const ctx = { mode, mixedRails: mixesRails(effective, kindOf), waTemplate: chosenWa };

  const update = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, channelId: d.channelId ?? effective.channelId, ...patch }));
    setProblems((p) =>
      Object.fromEntries(
        Object.entries(p).filter(
          ([k]) =>
            !Object.keys(patch).some(
              (f) => k === f || k.startsWith(`${f}.`) || (f === "labels" && k === "audience"),
            ),
        ),
      ),
    );
  };
  const error = (...fields: string[]) => {
    for (const f of fields) if (problems[f]) return problems[f];
    const server = fieldError(create.error, ...fields);
    // The pool's refusals (`pool_mixed_rails`, `invalid_pool`, `hybrid_needs_both`) say it all in their message.
    if (server && fields.includes("pool") && create.error instanceof ApiError) return create.error.message;
    return server;
  };
  const next = () => {
    const found = validateStep(STEPS[active]!, effective, ctx, t);
    setProblems(found);
    if (Object.keys(found).length === 0) setActive((a) => Math.min(a + 1, STEPS.length - 1));
  };

  const submit = (then: AfterCreate) =>
    create.mutate(
      { input: toInput(effective, mode, kindOf, chosenWa), then },
      {
        onSuccess: (c) => {
          const message =
            then.kind === "draft"
              ? "newCampaign.saved"
              : then.kind === "start"
                ? "newCampaign.started"
                : "composer.scheduled";
          notifications.show({ color: "teal", message: t(message, { name: c.name }) });
          void navigate(`/campaigns/${c.id}`);
        },
        onError: (e) => {
          if (e instanceof DraftNotStarted) {
            // Too few message units (SaaS): the campaign's page opens the quota dialog instead.
            const quota =
              e.reason instanceof ApiError && e.reason.code === "quota_insufficient"
                ? quotaShortfall(e.reason.details)
                : null;
            if (!quota)
              notifications.show({ color: "red", title: t("newCampaign.notStarted"), message: e.message });
            void navigate(`/campaigns/${e.draft.id}`, quota ? { state: { quota } } : undefined);
            return;
          }
          const field = e instanceof ApiError ? Object.keys(e.fields)[0] : undefined;
          if (field) setActive(STEPS.indexOf(stepOfField(field)));
        },
      },
    );
  const err = create.error;
  const generalError =
    err && !(err instanceof ApiError && Object.keys(err.fields).length) ? errorMessage(err) : null;
  const step = STEPS[active]!;
  const props = { draft: effective, update, error };

  return (
    <>
      <PageHeader title={t("composer.title")} />
      <Paper withBorder p="md" radius="md">
        <Stepper
          active={active}
          onStepClick={(i) => i < active && setActive(i)}
          size="sm"
          data-testid="composer"
        >
          {STEPS.map((s) => (
            <Stepper.Step
              key={s}
              label={t(`composer.steps.${s}`)}
              description={t(`composer.steps.${s}Hint`)}
            />
          ))}
        </Stepper>
        <div style={{ marginTop: "var(--mantine-spacing-lg)" }} data-testid={`step-${step}`}>
          {generalError && (
            <Alert color="red" role="alert" mb="md">
              {generalError}
            </Alert>
          )}
          {step === "audience" && <AudienceStep {...props} />}
          {step === "channel" && <ChannelStep {...props} />}
          {step === "message" && <MessageStep {...props} mode={mode} templateChannelId={templateChannelId} />}
          {step === "schedule" && <ScheduleStep {...props} />}
          {step === "review" && <ReviewStep draft={effective} mode={mode} />}
        </div>
        <Group justify="space-between" mt="xl">
          <Button
            variant="default"
            onClick={() => setActive((a) => a - 1)}
            disabled={active === 0}
            data-testid="composer-back"
          >
            {t("composer.back")}
          </Button>
          {step !== "review" ? (
            <Button onClick={next} data-testid="composer-next">
              {t("composer.next")}
            </Button>
          ) : (
            <Group>
              <Button
                variant="default"
                onClick={() => submit({ kind: "draft" })}
                loading={create.isPending}
                data-testid="save-draft"
              >
                {t("newCampaign.saveDraft")}
              </Button>
              <ConfirmButton
                title={effective.when === "later" ? t("composer.schedule") : t("campaign.startTitle")}
                message={
                  effective.when === "later"
                    ? t("composer.scheduleConfirm", { at: effective.at.replace("T", " ") })
                    : t("newCampaign.startConfirm")
                }
                confirmLabel={effective.when === "later" ? t("composer.schedule") : t("newCampaign.sendNow")}
                onConfirm={() => submit(sendAction(effective))}
                loading={create.isPending}
                data-testid="send-now"
              >
                {effective.when === "later" ? t("composer.schedule") : t("newCampaign.sendNow")}
              </ConfirmButton>
            </Group>
          )}
        </Group>
      </Paper>
    </>
  );
}
