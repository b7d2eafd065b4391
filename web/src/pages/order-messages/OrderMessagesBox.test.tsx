import { act, screen, within } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { CodState, OrderMessage } from "../../api/orderMessages";
import i18n from "../../i18n";
import { fakeApi, renderAt } from "../automation/testing";
import { OrderMessagesBox } from "./OrderMessagesBox";

const ORDER = "0a0a0a0a-0000-4000-8000-000000000001";
const message = (m: Partial<OrderMessage>): OrderMessage => ({
  id: crypto.randomUUID(),
  event: "created",
  channelId: null,
  text: "Terima kasih",
  outcome: "sent",
  reason: null,
  messageId: null,
  createdAt: "2026-12-06T03:00:00Z",
  sentAt: "2026-12-06T03:00:01Z",
  ...m,
});

function show(messages: OrderMessage[], cod: CodState | null) {
  fakeApi(({ path }) => {
    if (path === `/orders/${ORDER}/messages`) return messages;
    if (path === `/orders/${ORDER}/cod`) return cod;
    return null;
  });
  renderAt(<OrderMessagesBox orderId={ORDER} />);
}

beforeAll(async () => {
  await act(() => i18n.changeLanguage("id"));
});
afterEach(() => vi.unstubAllGlobals());

describe("the order's messages", () => {
  it("list each message's event, outcome and why it was not sent, latest first", async () => {
    show(
      [
        message({ event: "shipped", outcome: "cancelled", reason: "window_closed", sentAt: null }),
        message({ event: "created" }),
      ],
      null,
    );
    const rows = await screen.findAllByTestId("order-message");
    expect(rows.map((r) => within(r).getAllByText(/./)[0]!.textContent)).toEqual([
      "Pesanan dikirim",
      "Terima kasih (pesanan baru)",
    ]);
    expect(rows[0]!.textContent).toContain("Tidak dikirim");
    expect(rows[0]!.textContent).toContain("di luar jendela 24 jam, tanpa template");
    expect(rows[1]!.textContent).toContain("Terkirim");
    expect(screen.queryByTestId("order-cod")).toBeNull();
  });

  it("show an unconfirmed COD order as flagged for CS", async () => {
    show([message({ event: "cod_reminder" }), message({ event: "cod_confirm" })], {
      state: "flagged",
      remindedAt: "2026-12-06T15:00:00Z",
      flaggedAt: "2026-12-07T03:00:00Z",
      answeredAt: null,
    });
    expect((await screen.findByTestId("order-cod")).textContent).toContain("COD belum dikonfirmasi");
  });

  it("say so when the order has no message yet", async () => {
    show([], null);
    expect(await screen.findByText("Belum ada pesan untuk pesanan ini.")).toBeTruthy();
  });
});
