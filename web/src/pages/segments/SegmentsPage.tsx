import { Alert, Badge, Button, Card, Group, SimpleGrid, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { errorMessage } from "../../api/client";
import { type SegmentsOverview, useRefreshSegments, useSegments } from "../../api/segments";
import { useCan } from "../../api/session";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { useFormat } from "../../lib/useFormat";
import { SEGMENT_COLOR } from "./colors";
import { ThresholdsForm } from "./ThresholdsForm";

/**
 * The RFM segments of the shop's customers: each segment's count and meaning (with the
 * shop's thresholds), links to its contacts and to a campaign for it, a recompute button
 * (`contacts.update`), and (with `settings.update`) the thresholds.
 */
export function SegmentsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const can = useCan();
  const query = useSegments();
  const refresh = useRefreshSegments();
  return (
    <Stack>
      <PageHeader title={t("segments.title")}>
        {can("contacts.update") && (
          <Button
            variant="light"
            loading={refresh.isPending}
            onClick={() =>
              refresh.mutate(undefined, {
                onSuccess: () => notifications.show({ color: "teal", message: t("segments.refreshed") }),
                onError: (e) => notifications.show({ color: "red", message: errorMessage(e) }),
              })
            }
            data-testid="segments-refresh"
          >
            {t("segments.refresh")}
          </Button>
        )}
      </PageHeader>
      <Text c="dimmed" size="sm">
        {t("segments.intro")}
      </Text>
      <QueryState query={query}>
        {(data: SegmentsOverview) => (
          <Stack>
            <Text size="sm" data-testid="segments-computed">
              {data.computedAt
                ? t("segments.computedAt", { time: f.dateTime(data.computedAt) })
                : t("segments.never")}
              {" · "}
              {t("segments.total", { n: f.number(data.customers) })}
            </Text>
            {data.customers === 0 ? (
              <Alert color="gray" data-testid="segments-empty">
                <Stack gap="xs" align="flex-start">
                  <Text size="sm">{t("segments.empty")}</Text>
                  <Button component={Link} to="/orders/new" size="xs" variant="light">
                    {t("segments.emptyAction")}
                  </Button>
                </Stack>
              </Alert>
            ) : (
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
                {data.segments.map((s) => (
                  <Card key={s.segment} withBorder data-testid={`segment-${s.segment}`}>
                    <Stack gap={6} h="100%" justify="space-between">
                      <Stack gap={4}>
                        <Group justify="space-between" wrap="nowrap">
                          <Badge color={SEGMENT_COLOR[s.segment]} variant="light">
                            {t(`segments.name.${s.segment}`)}
                          </Badge>
                          <Text fw={700} data-testid="segment-count">
                            {f.number(s.customers)}
                          </Text>
                        </Group>
                        <Text size="xs" c="dimmed">
                          {t(`segments.about.${s.segment}`, data.thresholds)}
                        </Text>
                      </Stack>
                      {s.customers > 0 && (
                        <Group gap="xs">
                          <Button
                            component={Link}
                            to={`/contacts?segment=${s.segment}`}
                            size="compact-xs"
                            variant="subtle"
                          >
                            {t("segments.showContacts")}
                          </Button>
                          {can("campaigns.create") && (
                            <Button
                              component={Link}
                              to={`/campaigns/new?segment=${s.segment}`}
                              size="compact-xs"
                              variant="subtle"
                              data-testid="segment-campaign"
                            >
                              {t("segments.sendCampaign")}
                            </Button>
                          )}
                        </Group>
                      )}
                    </Stack>
                  </Card>
                ))}
              </SimpleGrid>
            )}
            {can("settings.update") && <ThresholdsForm thresholds={data.thresholds} />}
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
