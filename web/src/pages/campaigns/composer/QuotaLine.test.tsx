import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, render, screen } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { beforeEach, describe, expect, it } from "vitest";
import i18n from "../../../i18n";
import { keys } from "../../../api/keys";
import type { CampaignEstimate } from "../../../api/types";
import { customRole, OWNER } from "../../automation/testing";
import { QuotaLine } from "./QuotaLine";

function show(quota: CampaignEstimate["quota"], user: typeof OWNER = OWNER) {
  const qc = new QueryClient({ defaultOptions: { queries: { enabled: false } } });
  qc.setQueryData(keys.me, user);
  return render(
    <QueryClientProvider client={qc}>
      <MantineProvider env="test">
        <MemoryRouter>
          <QuotaLine quota={quota} />
        </MemoryRouter>
      </MantineProvider>
    </QueryClientProvider>,
  );
}

const line = () => screen.getByTestId("estimate-quota-line").textContent;

describe("QuotaLine (the review step's message units, SaaS mode)", () => {
  beforeEach(async () => {
    await act(() => i18n.changeLanguage("id"));
  });

  it("shows nothing in single mode or for an unmetered shop (null)", () => {
    show(null);
    expect(screen.queryByTestId("estimate-quota")).toBeNull();
  });

  it("shows the units needed and left the Indonesian way, without an alert when there are enough", () => {
    show({ needed: 1250, left: 8000, blocked: null });
    expect(line()).toBe("Kuota pesan: butuh 1.250 · sisa 8.000");
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("warns when fewer are left than needed, with the figures and a top-up link for billing readers", () => {
    show({ needed: 1250, left: 800, blocked: null });
    expect(line()).toBe("Kuota pesan: butuh 1.250 · sisa 800");
    const alert = screen.getByTestId("estimate-quota-short");
    expect(alert.textContent).toBe(
      "Kuota tidak cukup: kampanye berhenti setelah 800 pesan sampai ada top-up. Top-up kuota",
    );
    expect(screen.getByRole("link", { name: "Top-up kuota" }).getAttribute("href")).toBe("/billing#topup");
  });

  it("gives no top-up link to someone without billing.read", () => {
    show({ needed: 10, left: 0, blocked: null }, customRole("campaigns.read"));
    expect(screen.getByTestId("estimate-quota-short").textContent).toBe(
      "Kuota pesan habis: kampanye tidak mengirim apa pun sampai ada top-up.",
    );
    expect(screen.queryByRole("link")).toBeNull();
  });

  it("says in red that an inactive subscription blocks the start (also on an unlimited package)", () => {
    show({ needed: 10, left: 3, blocked: "subscription_inactive" });
    expect(screen.getByTestId("estimate-quota-blocked").textContent).toBe(
      "Langganan tidak aktif: kampanye tidak bisa dimulai sampai langganan dibayar.",
    );
    expect(screen.queryByTestId("estimate-quota-short")).toBeNull();
    show({ needed: 10, left: null, blocked: "subscription_inactive" });
    expect(screen.getAllByTestId("estimate-quota-blocked")).toHaveLength(2);
    expect(screen.getAllByTestId("estimate-quota-line")).toHaveLength(1);
  });

  it("says it in English too", async () => {
    await act(() => i18n.changeLanguage("en"));
    show({ needed: 1250, left: 800, blocked: null });
    expect(line()).toBe("Message quota: 1,250 needed · 800 left");
    expect(screen.getByTestId("estimate-quota-short").textContent).toBe(
      "Not enough quota: the campaign stops after 800 messages until a top-up. Top up quota",
    );
  });
});
