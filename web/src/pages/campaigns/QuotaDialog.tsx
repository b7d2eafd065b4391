import { Button, Group, Modal, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Schemas } from "../../api/types";
import { useFormat } from "../../lib/useFormat";

/** The particulars of a 402 `quota_insufficient` (its `error.details`): units the campaign needs and units left. */
export type QuotaShortfall = Schemas["QuotaShortfall"];

/** Reads a 402 `quota_insufficient`'s details; null when they are not `{ needed, left }`. */
export function quotaShortfall(details: unknown): QuotaShortfall | null {
  const d = details as Partial<QuotaShortfall> | null | undefined;
  return typeof d?.needed === "number" && typeof d.left === "number"
    ? { needed: d.needed, left: d.left }
    : null;
}

/**
 * "This campaign needs N messages, M left" (SaaS mode): top up on the billing page, or
 * send to the first M recipients (`onPartial`: the start again with `allowPartial`).
 * Without units left only the top-up is offered.
 */
export function QuotaDialog({
  shortfall,
  onClose,
  onPartial,
  loading,
}: {
  shortfall: QuotaShortfall | null;
  onClose: () => void;
  onPartial: () => void;
  loading: boolean;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Modal opened={shortfall !== null} onClose={onClose} title={t("billing.quota.title")}>
      {shortfall && (
        <div data-testid="quota-dialog">
          <Text mb="md">
            {t("billing.quota.message", {
              needed: f.number(shortfall.needed),
              left: f.number(shortfall.left),
            })}
          </Text>
          <Group justify="flex-end">
            {shortfall.left > 0 && (
              <Button variant="light" onClick={onPartial} loading={loading}>
                {t("billing.quota.partial", { left: f.number(shortfall.left) })}
              </Button>
            )}
            <Button component={Link} to="/billing#topup">
              {t("billing.quota.topup")}
            </Button>
          </Group>
        </div>
      )}
    </Modal>
  );
}
