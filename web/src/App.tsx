import { MantineProvider } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { QueryClientProvider } from "@tanstack/react-query";
import { useEffect } from "react";
import { RouterProvider } from "react-router";
import { ApiError, onUnauthorized } from "./api/client";
import { signInAfterUnauthorized } from "./layout/unauthorized";
import { LiveQueryClient } from "./realtime/refetchLoading";
import { router } from "./router";
import { theme } from "./theme";

const queryClient = new LiveQueryClient({
  defaultOptions: {
    queries: {
      // Fresh data comes through Socket.IO events, never by polling.
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
    },
  },
});

/**
 * A 401 anywhere: forget everything and go to the sign-in of the session that ended (the
 * shop's or the platform admin's), saying why.
 */
function useSignInOnUnauthorized() {
  useEffect(
    () =>
      onUnauthorized((session) => {
        queryClient.clear();
        const to = signInAfterUnauthorized(session, window.location.pathname, window.location.search);
        if (to) void router.navigate(to, { replace: true });
      }),
    [],
  );
}

export function App() {
  useSignInOnUnauthorized();
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="bottom-right" />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
