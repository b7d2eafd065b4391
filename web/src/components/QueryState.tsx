import { Alert, Button, Center, Loader, Stack, Text } from "@mantine/core";
import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../api/client";

interface Props<T> {
  query: UseQueryResult<T>;
  /** Shown instead of children when the data is empty. */
  empty?: ReactNode;
  isEmpty?: (data: T) => boolean;
  children: (data: T) => ReactNode;
}

/** The loading, error and empty states of a query, and its data once there. */
export function QueryState<T>({ query, empty, isEmpty, children }: Props<T>) {
  const { t } = useTranslation();
  if (query.isPending) {
    return (
      <Center py="xl" data-testid="loading">
        <Loader size="sm" aria-label={t("common.loading")} />
      </Center>
    );
  }
  if (query.isError) {
    return (
      <Alert color="red" title={t("common.loadFailed")} role="alert">
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{errorMessage(query.error)}</Text>
          <Button size="xs" variant="light" color="red" onClick={() => void query.refetch()}>
            {t("common.retry")}
          </Button>
        </Stack>
      </Alert>
    );
  }
  if (empty !== undefined && isEmpty?.(query.data)) return <EmptyState>{empty}</EmptyState>;
  return <>{children(query.data)}</>;
}

/** A quiet box saying there is nothing (yet). */
export function EmptyState({ children }: { children: ReactNode }) {
  return (
    <Center py="xl" data-testid="empty">
      <Text c="dimmed" ta="center">
        {children}
      </Text>
    </Center>
  );
}
