import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import i18n from "../../i18n";
import type { Order } from "../../api/orders";
import { OrderDetailPage } from "./OrderDetailPage";
import { type Answer, BUDI_ID, type Call, fakeApi, order, showAt } from "./testing";

let calls: Call[];
let moveAnswer: (body: { status: Order["status"] }) => Answer;
let edited: Order;

function show(o: Order) {
  calls = fakeApi((method, path, body) => {
    if (method === "GET" && path === `/orders/${o.id}`) return o;
    if (path === `/contacts/${BUDI_ID}/history`)
      return {
        conversations: [{ id: "11111111-1111-4111-8111-111111111111", channelName: "Toko", status: "open" }],
        messages: [],
        campaigns: [],
      };
    if (method === "POST" && path === `/orders/${o.id}/status`)
      return moveAnswer(body as { status: Order["status"] });
    if (method === "PATCH" && path === `/orders/${o.id}`) return edited;
    return null;
  });
  showAt(`/orders/${o.id}`, "/orders/:id", <OrderDetailPage />);
}

const patches = () => calls.filter((c) => c.method === "PATCH").map((c) => c.body);
const moves = () => calls.filter((c) => c.method === "POST" && c.path.endsWith("/status")).map((c) => c.body);

beforeAll(async () => {
  await act(() => i18n.changeLanguage("id"));
});
afterEach(() => vi.unstubAllGlobals());

describe("the order page", { timeout: 20_000 }, () => {
  it("offers one button per status the order may move to now, and moves it with one click", async () => {
    const o = order({ status: "confirmed", next: ["paid", "cancelled"] });
    moveAnswer = () => order({ status: "paid", next: ["packed", "cancelled"] });
    show(o);
    const actions = await screen.findByTestId("order-actions");
    expect(
      within(actions)
        .getAllByRole("button")
        .map((b) => b.textContent),
    ).toEqual(["Tandai dibayar", "Batalkan"]);
    fireEvent.click(within(actions).getByRole("button", { name: "Tandai dibayar" }));
    await waitFor(() => expect(screen.getByTestId("order-page-status").textContent).toBe("Dibayar"));
    expect(moves()).toEqual([{ status: "paid" }]);
    expect(
      within(screen.getByTestId("order-actions"))
        .getAllByRole("button")
        .map((b) => b.textContent),
    ).toEqual(["Dikemas", "Batalkan"]);
  });

  it("shipping asks the courier first (required) and sends it with the tracking number", async () => {
    const o = order({ status: "packed", next: ["shipped", "cancelled"] });
    moveAnswer = (b) =>
      order({
        ...b,
        status: "shipped",
        courier: "JNE",
        trackingNumber: "JNE123",
        next: ["completed", "returned"],
      });
    show(o);
    fireEvent.click(await screen.findByTestId("move-shipped"));
    fireEvent.change(await screen.findByTestId("ship-tracking"), { target: { value: "JNE123" } });
    fireEvent.click(screen.getByTestId("move-submit"));
    expect(await screen.findByText("Isi nama kurir")).toBeTruthy();
    expect(moves()).toEqual([]);
    fireEvent.change(screen.getByTestId("ship-courier"), { target: { value: " JNE " } });
    fireEvent.click(screen.getByTestId("move-submit"));
    await waitFor(() => expect(screen.getByTestId("order-tracking").textContent).toBe("JNE123"));
    expect(moves()).toEqual([{ status: "shipped", courier: "JNE", trackingNumber: "JNE123" }]);
  });

  it("cancelling asks a reason (required); the server's refusal shows its message", async () => {
    const o = order({ status: "new", next: ["confirmed", "cancelled"] });
    moveAnswer = () => ({
      status: 409,
      body: {
        error: {
          code: "illegal_order_transition",
          message: "Pesanan ini sudah dikirim, tidak bisa dibatalkan.",
        },
      },
    });
    show(o);
    fireEvent.click(await screen.findByTestId("move-cancelled"));
    fireEvent.click(await screen.findByTestId("move-submit"));
    expect(await screen.findByText("Isi alasannya")).toBeTruthy();
    expect(moves()).toEqual([]);
    fireEvent.change(screen.getByTestId("move-reason"), { target: { value: "Pembeli batal" } });
    fireEvent.click(screen.getByTestId("move-submit"));
    expect((await screen.findByTestId("move-error")).textContent).toBe(
      "Pesanan ini sudah dikirim, tidak bisa dibatalkan.",
    );
    expect(moves()).toEqual([{ status: "cancelled", reason: "Pembeli batal" }]);
    expect(screen.getByTestId("order-page-status").textContent).toBe("Baru");
  });

  it("shows the history: what, who, when, from → to, the note and the edited fields", async () => {
    show(
      order({
        status: "cancelled",
        next: [],
        closeReason: "Pembeli batal",
        history: [
          {
            id: "e1",
            kind: "created",
            fromStatus: null,
            toStatus: "new",
            actor: { kind: "user", name: "Sari" },
            note: null,
            changes: null,
            at: "2026-12-01T03:00:00Z",
          },
          {
            id: "e2",
            kind: "edited",
            fromStatus: null,
            toStatus: null,
            actor: { kind: "api_key", name: null },
            note: null,
            changes: { city: { from: null, to: "Bandung" } },
            at: "2026-12-01T04:00:00Z",
          },
          {
            id: "e3",
            kind: "status",
            fromStatus: "new",
            toStatus: "cancelled",
            actor: { kind: "user", name: "Sari" },
            note: "Pembeli batal",
            changes: null,
            at: "2026-12-01T05:30:00Z",
          },
        ],
      }),
    );
    const items = await screen.findAllByTestId("history-item");
    expect(items.map((i) => i.textContent)).toEqual([
      "Pesanan dibuatBaru1 Des 2026, 10.00 WIB · oleh Sari",
      "Pesanan diubahKota— → Bandung1 Des 2026, 11.00 WIB · oleh kunci API",
      "Status diubahBaru→Dibatalkan“Pembeli batal”1 Des 2026, 12.30 WIB · oleh Sari",
    ]);
    expect(screen.queryByTestId("order-actions")).toBeNull();
    expect(screen.queryByTestId("edit-order")).toBeNull();
  });

  it("links the customer to the contact and to their inbox conversation", async () => {
    show(order());
    expect((await screen.findByTestId("customer-contact")).getAttribute("href")).toBe(`/contacts/${BUDI_ID}`);
    expect((await screen.findByTestId("customer-chat")).getAttribute("href")).toBe(
      "/inbox/11111111-1111-4111-8111-111111111111",
    );
    expect(screen.getByTestId("order-total").textContent).toBe("Rp150.000");
  });

  it("edits courier, tracking and notes of a confirmed order without touching its locked lines and amounts", async () => {
    const o = order({ status: "confirmed", next: ["paid", "cancelled"] });
    edited = order({ status: "confirmed", courier: "J&T", trackingNumber: "JT987", notes: "Titip satpam" });
    show(o);
    fireEvent.click(await screen.findByTestId("edit-order"));
    expect(await screen.findByText(/hanya bisa diubah selama pesanan masih draf atau baru/)).toBeTruthy();
    expect(screen.queryByTestId("line-quantity")).toBeNull();
    fireEvent.change(screen.getByTestId("edit-courier"), { target: { value: "J&T" } });
    fireEvent.change(screen.getByTestId("edit-tracking"), { target: { value: "JT987" } });
    fireEvent.change(screen.getByTestId("edit-notes"), { target: { value: "Titip satpam" } });
    fireEvent.click(screen.getByTestId("edit-save"));
    await waitFor(() => expect(patches()).toHaveLength(1));
    await waitFor(() => expect(screen.getByTestId("order-tracking").textContent).toBe("JT987"));
    expect(patches()).toEqual([
      {
        address: null,
        province: null,
        city: null,
        notes: "Titip satpam",
        courier: "J&T",
        trackingNumber: "JT987",
      },
    ]);
  });

  it("edits the lines and amounts of a new order", async () => {
    const o = order({ status: "new" });
    edited = order({ status: "new" });
    show(o);
    fireEvent.click(await screen.findByTestId("edit-order"));
    fireEvent.change(await screen.findByTestId("line-quantity"), { target: { value: "3" } });
    fireEvent.click(screen.getByTestId("edit-save"));
    await waitFor(() => expect(patches()).toHaveLength(1));
    expect(patches()[0]).toMatchObject({
      lines: [{ productId: o.lines[0]?.productId, quantity: 3, unitPrice: 75000 }],
      discount: 0,
      shippingCost: 0,
      paymentMethod: "transfer",
    });
  });
});
