import { MantineProvider } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { keys } from "../../api/keys";
import type { Campaign } from "../../api/types";
import i18n from "../../i18n";
import { type Call, fakeApi, OWNER } from "../automation/testing";
import { CampaignActions } from "./CampaignActions";
import { campaign } from "./testing";
import { QuotaExhausted } from "./QuotaExhausted";

const quotaError = {
  status: 402,
  body: {
    error: { code: "quota_insufficient", message: "Kuota kurang", details: { needed: 500, left: 120 } },
  },
};

/** The draft's actions for the owner, against a fake server whose `/start` answers with `start`. */
function show(c: Campaign, start: (call: Call) => unknown, state?: unknown) {
  const calls = fakeApi((call) => (call.path.endsWith("/start") ? start(call) : {}));
  const qc = new QueryClient({ defaultOptions: { queries: { enabled: false } } });
  qc.setQueryData(keys.me, OWNER);
  render(
    <QueryClientProvider client={qc}>
      <MantineProvider env="test">
        <Notifications />
        <MemoryRouter initialEntries={[{ pathname: "/", state }]}>
          <CampaignActions campaign={c} />
        </MemoryRouter>
      </MantineProvider>
    </QueryClientProvider>,
  );
  return calls;
}

async function clickStart() {
  fireEvent.click(screen.getByRole("button", { name: "Start sending" }));
  const confirm = await screen.findAllByRole("button", { name: "Start sending" });
  fireEvent.click(confirm[confirm.length - 1] as HTMLElement);
}

beforeAll(async () => {
  await act(() => i18n.changeLanguage("en"));
});
afterEach(() => vi.unstubAllGlobals());

describe("starting a campaign with too few message units (SaaS mode)", () => {
  it("a 402 quota_insufficient opens 'needs N, M left'; 'Send the first M' starts again with allowPartial", async () => {
    const draft = campaign({ status: "draft" });
    const calls = show(draft, (call) =>
      (call.body as { allowPartial?: boolean } | undefined)?.allowPartial
        ? { ...draft, status: "running" }
        : quotaError,
    );
    await clickStart();
    const dialog = await screen.findByTestId("quota-dialog");
    expect(dialog.textContent).toContain("This campaign needs 500 messages, 120 left.");
    expect(screen.getByRole("link", { name: "Top up" }).getAttribute("href")).toBe("/billing#topup");
    fireEvent.click(screen.getByRole("button", { name: "Send the first 120" }));
    await waitFor(() => expect(screen.queryByTestId("quota-dialog")).toBeNull());
    const starts = calls.filter((c) => c.path.endsWith("/start"));
    expect(starts.map((c) => c.body)).toEqual([undefined, { allowPartial: true }]);
  });

  it("with no unit left offers only the top-up", async () => {
    show(campaign({ status: "draft" }), () => ({
      status: 402,
      body: { error: { code: "quota_insufficient", message: "x", details: { needed: 10, left: 0 } } },
    }));
    await clickStart();
    await screen.findByTestId("quota-dialog");
    expect(screen.queryByRole("button", { name: /Send the first/ })).toBeNull();
    expect(screen.getByRole("link", { name: "Top up" })).toBeTruthy();
  });

  it("a 402 subscription_inactive says sending stopped and to pay", async () => {
    show(campaign({ status: "draft" }), () => ({
      status: 402,
      body: { error: { code: "subscription_inactive", message: "x" } },
    }));
    await clickStart();
    expect(await screen.findByText(/Your subscription ended: sending stopped/)).toBeTruthy();
    expect(screen.queryByTestId("quota-dialog")).toBeNull();
  });

  it("a start refused on the new-campaign page arrives with its shortfall: the dialog is open", async () => {
    show(campaign({ status: "draft" }), () => ({}), { quota: { needed: 250, left: 100 } });
    expect((await screen.findByTestId("quota-dialog")).textContent).toContain("needs 250 messages, 100 left");
  });

  it("a campaign paused for quota shows how it resumes and links to the top-up", () => {
    render(
      <MantineProvider env="test">
        <MemoryRouter>
          <QuotaExhausted />
        </MemoryRouter>
      </MantineProvider>,
    );
    expect(screen.getByTestId("quota-exhausted").textContent).toContain("continues by itself");
    expect(screen.getByRole("link", { name: "Top up quota" }).getAttribute("href")).toBe("/billing#topup");
  });
});
