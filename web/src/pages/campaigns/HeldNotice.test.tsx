import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import i18n from "../../i18n";
import type { CampaignCounts } from "../../api/types";
import { HeldNotice } from "./HeldNotice";
import { campaignCounts } from "./testing";

const counts = (held: Partial<CampaignCounts["held"]>): CampaignCounts =>
  campaignCounts({ total: 10, pending: 6, sent: 4, warm: 4, held });

function show(c: CampaignCounts, heldUntil: string | null) {
  // The tenant query never answers here: times are in WIB.
  const qc = new QueryClient({ defaultOptions: { queries: { enabled: false } } });
  return render(
    <QueryClientProvider client={qc}>
      <MantineProvider>
        <HeldNotice campaign={{ counts: c, heldUntil }} />
      </MantineProvider>
    </QueryClientProvider>,
  );
}

describe("HeldNotice", () => {
  it("says how many messages to new customers are held, why, and until when", async () => {
    await act(() => i18n.changeLanguage("id"));
    show(counts({ capped: 5, reachout_refused: 1 }), "2026-12-07T03:00:00Z");
    const notice = screen.getByTestId("held-notice");
    expect(notice.textContent).toContain("6 pesan ke pelanggan baru ditahan");
    expect(notice.textContent).toContain(
      "Alasan: 5 karena nomor mencapai batas chat baru WhatsApp; 1 karena WhatsApp menolak chat baru (463).",
    );
    expect(screen.getByTestId("held-until").textContent).toBe(
      "Menunggu sampai Sen, 7 Des 10.00 WIB, lalu dikirim sendiri.",
    );
  });

  it("says Kabar checks again when no end is known, and shows nothing when none is held", async () => {
    await act(() => i18n.changeLanguage("en"));
    const { unmount } = show(counts({ timelock: 3 }), null);
    expect(screen.getByTestId("held-notice").textContent).toContain("3 messages to new customers are held");
    expect(screen.getByTestId("held-until").textContent).toBe(
      "Waiting; Kabar checks again every 5 minutes and sends them as soon as it may.",
    );
    unmount();
    show(counts({}), null);
    expect(screen.queryByTestId("held-notice")).toBeNull();
    await act(() => i18n.changeLanguage("id"));
  });
});
