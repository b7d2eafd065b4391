import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, render, screen } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { beforeAll, describe, expect, it } from "vitest";
import { keys } from "../../api/keys";
import type { Campaign } from "../../api/types";
import i18n from "../../i18n";
import { AGENT, customRole, OWNER } from "../automation/testing";
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
