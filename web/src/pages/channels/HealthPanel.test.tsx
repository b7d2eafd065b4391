import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import i18n from "../../i18n";
import { HealthPanel } from "./HealthPanel";

const HOLDER = "vm:6887:b28537b7";

beforeEach(async () => {
  await act(() => i18n.changeLanguage("id"));
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string) => {
      const body = url.endsWith("/health")
        ? {
            status: "connected",
            since: "2026-11-01T00:00:00Z",
            lastError: null,
            sent: { lastHour: 3, lastDay: 40 },
            caps: { perHour: 120, perDay: 800 },
            leaseHolder: HOLDER,
          }
        : { id: "t", name: "Toko", timeZone: "Asia/Jakarta", locale: "id" };
      return new Response(JSON.stringify(body), {
        status: 200,
        headers: { "content-type": "application/json" },
      });
    }),
  );
});
afterEach(() => vi.unstubAllGlobals());

describe("the channel's health panel", () => {
  it("keeps the process holding the connection in a collapsed 'Detail teknis' section", async () => {
    const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <QueryClientProvider client={qc}>
        <MantineProvider env="test">
          <HealthPanel channelId="11111111-1111-4111-8111-111111111111" />
        </MantineProvider>
      </QueryClientProvider>,
    );
    await screen.findByTestId("health-day");
    expect(screen.queryByText(new RegExp(HOLDER))).toBeNull();
    fireEvent.click(screen.getByText("Detail teknis"));
    expect((await screen.findByText(new RegExp(HOLDER))).textContent).toContain(HOLDER);
  });
});
