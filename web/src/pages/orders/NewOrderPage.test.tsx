import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import i18n from "../../i18n";
import { NewOrderPage } from "./NewOrderPage";
import { type Answer, BUDI_ID, type Call, fakeApi, order, product, showAt } from "./testing";

const KOPI = product();
const TEH = product({
  id: "eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee",
  sku: "TEH-100",
  name: "Teh Hijau 100 g",
  price: 20000,
});
const BUDI = {
  id: BUDI_ID,
  name: "Budi",
  phone: "+6281234567890",
  attributes: {},
  labels: [],
  optedOut: false,
};
const CREATED = order({ id: "ffffffff-ffff-4fff-8fff-ffffffffffff" });

let calls: Call[];
let createAnswer: Answer;
/** GET /outlets (null: a shop whose outlets the form never needs). */
let outlets: Array<{ id: string; name: string }> | null = null;

function show(path = "/orders/new") {
  calls = fakeApi((method, path) => {
    const base = path.split("?")[0];
    if (base === "/products") return { items: [KOPI, TEH], total: 2, page: 1, pageSize: 20 };
    if (base === "/provinces")
      return [
        { code: "31", name: "DKI Jakarta" },
        { code: "32", name: "Jawa Barat" },
      ];
    if (base === "/contacts") return { items: [BUDI], total: 1, page: 1, pageSize: 25 };
    if (base === `/contacts/${BUDI_ID}`) return BUDI;
    if (method === "POST" && base === "/orders") return createAnswer;
    if (base === "/outlets") return outlets;
    return null;
  });
  showAt(path, "/orders/new", <NewOrderPage />);
}

async function addProduct(name: string) {
  fireEvent.click(screen.getByRole("textbox", { name: "Tambah produk" }));
  fireEvent.click(await screen.findByRole("option", { name: new RegExp(`^${name}`) }));
}

const posts = () => calls.filter((c) => c.method === "POST" && c.path === "/orders").map((c) => c.body);

beforeAll(async () => {
  await act(() => i18n.changeLanguage("id"));
});
afterEach(() => {
  vi.unstubAllGlobals();
  outlets = null;
});

describe("the new order form", { timeout: 20_000 }, () => {
  it("adds products at their price, and the totals follow quantity, price, discount and shipping", async () => {
    createAnswer = CREATED;
    show();
    await addProduct("Kopi Gayo");
    await addProduct("Teh Hijau");
    const lines = screen.getAllByTestId("order-line");
    expect(lines.map((l) => within(l).getByTestId("line-total").textContent)).toEqual([
      "Rp75.000",
      "Rp20.000",
    ]);
    fireEvent.change(within(lines[0] as HTMLElement).getByTestId("line-quantity"), {
      target: { value: "3" },
    });
    fireEvent.change(within(lines[1] as HTMLElement).getByTestId("line-price"), {
      target: { value: "18.000" },
    });
    fireEvent.change(screen.getByTestId("order-discount"), { target: { value: "10.000" } });
    fireEvent.change(screen.getByTestId("order-shipping"), { target: { value: "15.000" } });
    await waitFor(() => expect(screen.getByTestId("order-grand-total").textContent).toBe("Rp248.000"));
    expect(screen.getByTestId("order-subtotal").textContent).toBe("Rp243.000");
    expect(screen.getAllByTestId("line-total").map((e) => e.textContent)).toEqual(["Rp225.000", "Rp18.000"]);
  });

  it("sends a typed-in customer, the lines, amounts, payment and address, then opens the order", async () => {
    createAnswer = CREATED;
    show();
    fireEvent.click(screen.getByRole("radio", { name: "Pelanggan baru" }));
    fireEvent.change(screen.getByTestId("customer-phone"), { target: { value: "0812-3456-7890" } });
    fireEvent.change(screen.getByTestId("customer-name"), { target: { value: " Sari " } });
    await addProduct("Kopi Gayo");
    fireEvent.change(screen.getByTestId("line-quantity"), { target: { value: "2" } });
    fireEvent.change(screen.getByTestId("order-shipping"), { target: { value: "12.000" } });
    fireEvent.click(screen.getByRole("textbox", { name: "Metode pembayaran" }));
    fireEvent.click(await screen.findByRole("option", { name: "COD (bayar di tempat)" }));
    fireEvent.change(screen.getByTestId("order-address"), { target: { value: "Jl. Merdeka 1" } });
    fireEvent.click(screen.getByRole("textbox", { name: "Provinsi" }));
    fireEvent.click(await screen.findByRole("option", { name: "Jawa Barat" }));
    fireEvent.change(screen.getByTestId("order-city"), { target: { value: "Bandung" } });
    fireEvent.click(screen.getByTestId("save-order"));
    expect((await screen.findByTestId("location")).textContent).toBe(`/orders/${CREATED.id}`);
    expect(posts()).toEqual([
      {
        customer: { phone: "0812-3456-7890", name: "Sari" },
        lines: [{ productId: KOPI.id, quantity: 2, unitPrice: 75000 }],
        paymentMethod: "cod",
        discount: 0,
        shippingCost: 12000,
        address: "Jl. Merdeka 1",
        province: "32",
        city: "Bandung",
        notes: null,
      },
    ]);
  });

  it("from the inbox: the conversation's customer is set, and the order is tied to the conversation", async () => {
    createAnswer = CREATED;
    show(`/orders/new?contactId=${BUDI_ID}&conversationId=11111111-1111-4111-8111-111111111111`);
    await waitFor(() =>
      expect(screen.getByTestId("order-customer").textContent).toContain("Budi+62 812-3456-7890"),
    );
    expect(screen.queryByTestId("change-customer")).toBeNull();
    await addProduct("Teh Hijau");
    fireEvent.click(screen.getByTestId("save-order"));
    await screen.findByTestId("location");
    expect(posts()).toMatchObject([
      {
        customer: { contactId: BUDI_ID },
        conversationId: "11111111-1111-4111-8111-111111111111",
        lines: [{ productId: TEH.id, quantity: 1, unitPrice: 20000 }],
      },
    ]);
  });

  it("shows the server's field errors on the line they name, and stays on the form", async () => {
    createAnswer = {
      status: 400,
      body: {
        error: {
          code: "validation_failed",
          message: "Periksa isian pesanan.",
          fields: { "lines.1.quantity": "Stok tidak cukup", "customer.phone": "Nomor HP tidak valid" },
        },
      },
    };
    show();
    fireEvent.click(screen.getByRole("radio", { name: "Pelanggan baru" }));
    fireEvent.change(screen.getByTestId("customer-phone"), { target: { value: "12" } });
    await addProduct("Kopi Gayo");
    await addProduct("Teh Hijau");
    fireEvent.click(screen.getByTestId("save-order"));
    expect(await screen.findByText("Stok tidak cukup")).toBeTruthy();
    const [first, second] = screen.getAllByTestId("order-line") as HTMLElement[];
    expect(within(second as HTMLElement).getByText("Stok tidak cukup")).toBeTruthy();
    expect(within(first as HTMLElement).queryByText("Stok tidak cukup")).toBeNull();
    expect(screen.getByText("Nomor HP tidak valid")).toBeTruthy();
    expect(screen.getByTestId("order-error").textContent).toBe("Periksa isian pesanan.");
    expect(screen.queryByTestId("location")).toBeNull();
  });

  it("asks for a customer before saving, without asking the server", async () => {
    createAnswer = CREATED;
    show();
    await addProduct("Kopi Gayo");
    fireEvent.click(screen.getByTestId("save-order"));
    expect(await screen.findByText("Pilih pelanggan, atau isi nomor HP pelanggan baru")).toBeTruthy();
    fireEvent.click(screen.getByRole("radio", { name: "Pelanggan baru" }));
    expect(screen.getByText("Pilih pelanggan, atau isi nomor HP pelanggan baru")).toBeTruthy();
    fireEvent.change(screen.getByTestId("customer-phone"), { target: { value: "081234567890" } });
    expect(screen.queryByText("Pilih pelanggan, atau isi nomor HP pelanggan baru")).toBeNull();
    expect(posts()).toEqual([]);
    fireEvent.click(screen.getByTestId("save-order"));
    await screen.findByTestId("location");
    expect(posts()).toMatchObject([{ customer: { phone: "081234567890" } }]);
  });
});

describe("the new order form's outlet", { timeout: 20_000 }, () => {
  const TOKO = { id: "00000000-0000-4000-8000-00000000000a", name: "Toko Contoh" };
  const BANDUNG = { id: "00000000-0000-4000-8000-00000000000b", name: "Cabang Bandung" };

  it("is not asked in a shop with one outlet, and the order names none", async () => {
    createAnswer = CREATED;
    outlets = [TOKO];
    show(`/orders/new?contactId=${BUDI_ID}`);
    await waitFor(() => expect(calls.some((c) => c.path === "/outlets")).toBe(true));
    expect(screen.queryByTestId("order-outlet")).toBeNull();
    await addProduct("Teh Hijau");
    fireEvent.click(screen.getByTestId("save-order"));
    await screen.findByTestId("location");
    expect(posts()[0]).not.toHaveProperty("outletId");
  });

  it("with two outlets, defaults to the number's outlet and sends the one picked", async () => {
    createAnswer = CREATED;
    outlets = [TOKO, BANDUNG];
    show(`/orders/new?contactId=${BUDI_ID}`);
    const picker = await screen.findByTestId("order-outlet");
    expect((picker as HTMLInputElement).placeholder).toBe("Outlet nomornya (bawaan)");
    fireEvent.click(picker);
    fireEvent.click(await screen.findByRole("option", { name: "Cabang Bandung" }));
    await addProduct("Teh Hijau");
    fireEvent.click(screen.getByTestId("save-order"));
    await screen.findByTestId("location");
    expect(posts()).toMatchObject([{ customer: { contactId: BUDI_ID }, outletId: BANDUNG.id }]);
  });
});
