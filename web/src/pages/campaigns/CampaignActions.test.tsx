import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { beforeAll, describe, expect, it } from "vitest";
import { keys } from "../../api/keys";
import type { Campaign } from "../../api/types";
import i18n from "../../i18n";
import { AGENT, customRole, fakeApi, OWNER } from "../automation/testing";
import { CampaignActions } from "./CampaignActions";
import { campaign } from "./testing";

/** A campaign's action buttons for `user` (known from the start, as after sign-in). */
function show(c: Campaign, user: typeof OWNER) {
  const qc = new QueryClient({ defaultOptions: { queries: { enabled: false } } });
  qc.setQueryData(keys.me, user);
  return render(
    <QueryClientProvider client={qc}>
      <MantineProvider env="test">
        <MemoryRouter>
          <CampaignActions campaign={c} />
        </MemoryRouter>
      </MantineProvider>
    </QueryClientProvider>,
  );
}

const button = (name: string) => screen.queryByRole("button", { name });

beforeAll(async () => {
  await act(() => i18n.changeLanguage("en"));
});

describe("a campaign's actions by permission", () => {
  it("gives the owner start and cancel on a draft, and an agent neither", () => {
    const draft = campaign({ status: "draft" });
    const owner = show(draft, OWNER);
    expect(button("Start sending")).toBeTruthy();
    expect(button("Cancel campaign")).toBeTruthy();
    owner.unmount();
    show(draft, AGENT);
    expect(button("Start sending")).toBeNull();
    expect(button("Cancel campaign")).toBeNull();
  });

  it("gives a custom role holding campaigns.start start and pause but no cancel", () => {
    const starter = customRole("campaigns.read", "campaigns.start");
    const first = show(campaign({ status: "draft" }), starter);
    expect(button("Start sending")).toBeTruthy();
    expect(button("Cancel campaign")).toBeNull();
    first.unmount();
    show(campaign({ status: "running" }), starter);
    expect(button("Pause")).toBeTruthy();
    expect(button("Cancel campaign")).toBeNull();
  });

  it("gives a custom role holding campaigns.cancel cancel only", () => {
    show(campaign({ status: "running" }), customRole("campaigns.read", "campaigns.cancel"));
    expect(button("Cancel campaign")).toBeTruthy();
    expect(button("Pause")).toBeNull();
    expect(button("Start sending")).toBeNull();
  });
});

describe("starting with too few message units (SaaS mode)", () => {
  it("shows the units needed and left, and starts partially when asked", async () => {
    const draft = campaign({ status: "draft" });
    const calls = fakeApi((c) =>
      c.body === undefined
        ? {
            status: 402,
            body: {
              error: {
                code: "quota_insufficient",
                message: "Not enough message units: 30 needed, 4 left",
                details: { needed: 30, left: 4 },
              },
            },
          }
        : { ...draft, status: "running" },
    );
    show(draft, OWNER);
    fireEvent.click(button("Start sending")!);
    // The confirmation's own "Start sending".
    const confirm = await waitFor(() => {
      const all = screen.getAllByRole("button", { name: "Start sending" });
      expect(all.length).toBe(2);
      return all[1]!;
    });
    fireEvent.click(confirm);
    expect((await screen.findByTestId("quota-short")).textContent).toBe(
      "Not enough message units: 30 needed, 4 left",
    );
    fireEvent.click(screen.getByRole("button", { name: "Send partially" }));
    await waitFor(() => expect(calls.at(-1)).toMatchObject({ method: "POST", body: { allowPartial: true } }));
    expect(calls.map((c) => c.path)).toEqual([
      `/campaigns/${draft.id}/start`,
      `/campaigns/${draft.id}/start`,
    ]);
  });
});
