import { Alert, Button, Grid, Group, Modal, Stack, Stepper, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useCreateWaTemplate } from "../../../api/channels";
import { ApiError, errorMessage } from "../../../api/client";
import type { WaTemplate } from "../../../api/types";
import { EMPTY_FORM, formProblems, stepOf, toInput, type WizardForm } from "./draft";
import { PhonePreview } from "./PhonePreview";
import {
  BodyStep,
  ButtonsStep,
  FooterStep,
  HeaderStep,
  NameStep,
  type StepProps,
  useProblemText,
} from "./WizardSteps";

const STEPS = ["name", "header", "body", "footer", "buttons", "review"] as const;
const STEP_BODIES = [NameStep, HeaderStep, BodyStep, FooterStep, ButtonsStep];

interface Props {
  channelId: string;
  opened: boolean;
  onClose: () => void;
  /** Meta took the template for review (PENDING). */
  onSubmitted?: (t: WaTemplate) => void;
}

/**
 * Creates a WhatsApp template and submits it to Meta in six steps (name, header, body,
 * footer, buttons, review), with a live phone preview. Meta's limits are checked as the
 * owner types (a step's problems show when leaving it); the server's answer, per field,
 * is shown on the step of that field.
 */
export function TemplateWizard({ channelId, opened, onClose, onSubmitted }: Props) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const create = useCreateWaTemplate(channelId);
  const [form, setForm] = useState<WizardForm>(EMPTY_FORM);
  const [step, setStep] = useState(0);
  const [shown, setShown] = useState<number[]>([]);
  const [serverFields, setServerFields] = useState<Record<string, string>>({});
  const problems = formProblems(form);
  const set = (patch: Partial<WizardForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setServerFields({});
  };
  const error = (field: string) =>
    serverFields[field] ??
    (shown.includes(stepOf(field)) && problems[field] ? problemText(problems[field]) : undefined);
  const stepHasProblem = (s: number) => Object.keys(problems).some((f) => stepOf(f) === s);
  const next = () => {
    setShown((s) => [...new Set([...s, step])]);
    if (!stepHasProblem(step)) setStep(step + 1);
  };
  const close = () => {
    setForm(EMPTY_FORM);
    setStep(0);
    setShown([]);
    setServerFields({});
    create.reset();
    onClose();
  };
  const submit = () => {
    const all = STEPS.map((_, i) => i);
    setShown(all);
    const first = all.find(stepHasProblem);
    if (first !== undefined) return setStep(first);
    const { input, fieldOf } = toInput(form);
    create.mutate(input, {
      onSuccess: (created) => {
        onSubmitted?.(created);
        close();
      },
      onError: (e) => {
        if (!(e instanceof ApiError) || !Object.keys(e.fields).length) return;
        const fields = Object.fromEntries(Object.entries(e.fields).map(([k, v]) => [fieldOf(k), v]));
        setServerFields(fields);
        setStep(Math.min(...Object.keys(fields).map(stepOf)));
      },
    });
  };
  const props: StepProps = { form, set, error };
  const Body = STEP_BODIES[step];
  return (
    <Modal opened={opened} onClose={close} title={t("channels.waWizard.title")} size="xl">
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stepper active={step} onStepClick={setStep} size="xs" allowNextStepsSelect={false}>
            {STEPS.map((s, i) => (
              <Stepper.Step
                key={s}
                label={t(`channels.waWizard.step.${s}`)}
                color={shown.includes(i) && stepHasProblem(i) ? "red" : undefined}
              />
            ))}
          </Stepper>
          <Stack mt="md">
            {Body ? (
              <Body {...props} />
            ) : (
              <Stack gap="xs" data-testid="wa-wizard-review">
                <Text>
                  <b>{form.name}</b> · {form.language} · {t(`channels.waWizard.category.${form.category}`)}
                </Text>
                <Text size="sm" c="dimmed">
                  {t("channels.waWizard.reviewHint")}
                </Text>
              </Stack>
            )}
            {create.error && !Object.keys(serverFields).length && (
              <Alert color="red" data-testid="wa-wizard-error">
                {errorMessage(create.error)}
              </Alert>
            )}
            <Group justify="space-between">
              <Button variant="default" onClick={() => (step ? setStep(step - 1) : close())}>
                {t(step ? "channels.waWizard.back" : "channels.waWizard.cancel")}
              </Button>
              {Body ? (
                <Button onClick={next} data-testid="wa-wizard-next">
                  {t("channels.waWizard.next")}
                </Button>
              ) : (
                <Button onClick={submit} loading={create.isPending} data-testid="wa-wizard-submit">
                  {t("channels.waWizard.submit")}
                </Button>
              )}
            </Group>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <PhonePreview form={form} />
        </Grid.Col>
      </Grid>
    </Modal>
  );
}
