import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { WebhookDelivery, WebhookEndpoint } from "../../api/webhooks";
import i18n from "../../i18n";
import { AGENT, type Call, customRole, fakeApi, OWNER, renderAt, TENANT } from "../automation/testing";
import { WebhooksPage } from "./WebhooksPage";

const SECRET = `whsec_${"s".repeat(43)}`;
const ROTATED = `whsec_${"r".repeat(43)}`;

const SHOP: WebhookEndpoint = {
  id: "11111111-1111-4111-8111-111111111111",
  url: "https://toko.example/kabar",
  events: ["order.created", "order.status_changed"],
  enabled: true,
  disabledReason: null,
  failingSince: null,
  createdAt: "2026-12-01T01:00:00Z",
};
const DELIVERY: WebhookDelivery = {
  id: "44444444-4444-4444-8444-444444444444",
  eventId: "55555555-5555-4555-8555-555555555555",
  eventType: "order.created",
  status: "pending",
  nextAttemptAt: "2026-12-06T02:01:00Z",
  createdAt: "2026-12-06T02:00:00Z",
  attempts: [
    {
      attemptedAt: "2026-12-06T02:00:00Z",
      statusCode: 500,
      latencyMs: 123,
      responseExcerpt: "Internal Server Error",
      error: "HTTP 500",
    },
  ],
};

let stored: WebhookEndpoint[];
let calls: Call[];

/** A fake server keeping the shop's endpoints, signed in as `user`. */
function server(user: typeof OWNER) {
  calls = fakeApi(({ method, path, body }) => {
    if (path === "/auth/session") return { user };
    if (path === "/tenant")
      return { ...TENANT, timeZone: "Asia/Jakarta", warmDays: 90, optOutKeywords: ["STOP"] };
    if (path === "/webhook-endpoints" && method === "GET") return stored;
    if (path === "/webhook-endpoints" && method === "POST") {
      const b = body as { url: string; events: WebhookEndpoint["events"] };
      if (!b.url.startsWith("https://"))
        return {
          status: 400,
          body: {
            error: {
              code: "webhook_url_not_allowed",
              message: "Alamat webhook harus https dan alamat publik",
              fields: { url: "must be an https URL of a public host" },
            },
          },
        };
      const made = { ...SHOP, id: "22222222-2222-4222-8222-222222222222", url: b.url, events: b.events };
      stored = [made, ...stored];
      return { status: 201, body: { ...made, secret: SECRET } };
    }
    const one = /^\/webhook-endpoints\/([\w-]+)(\/.*)?$/.exec(path);
    if (one && method === "PATCH") {
      stored = stored.map((e) => (e.id === one[1] ? { ...e, ...(body as object), disabledReason: null } : e));
      return stored.find((e) => e.id === one[1]);
    }
    if (one && one[2] === "/rotate-secret")
      return { ...stored.find((e) => e.id === one[1]), secret: ROTATED };
    if (one && one[2] === "/test") return { status: 202, body: { ...DELIVERY, eventType: "webhook.test" } };
    if (one && one[2] === "/deliveries") return [DELIVERY];
    if (one?.[2]?.endsWith("/redeliver")) return { status: 202, body: DELIVERY };
    return { status: 404, body: { error: { code: "route_not_found", message: "no" } } };
  });
}

const render = () => renderAt(<WebhooksPage />, "/settings/webhooks", "/settings/webhooks");
const sent = (method: string, suffix = "") =>
  calls.filter(
    (c) => c.method === method && c.path.startsWith("/webhook-endpoints") && c.path.endsWith(suffix),
  );

beforeAll(async () => {
  await act(() => i18n.changeLanguage("id"));
});
afterEach(() => vi.unstubAllGlobals());

describe("the webhooks page", { timeout: 20_000 }, () => {
  it("lists each endpoint's URL, events and state, and says when Kabar turned one off for failing", async () => {
    stored = [
      SHOP,
      { ...SHOP, id: "33333333-3333-4333-8333-333333333333", enabled: false, disabledReason: "failing" },
    ];
    server(OWNER);
    render();
    const rows = await screen.findAllByTestId("webhook-row");
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByText("https://toko.example/kabar")).toBeTruthy();
    expect(within(rows[0]!).getByText("Pesanan baru")).toBeTruthy();
    expect(within(rows[0]!).getByText("Status pesanan berubah")).toBeTruthy();
    expect(within(rows[0]!).getByTestId("webhook-state").textContent).toBe("Aktif");
    expect(within(rows[1]!).getByTestId("webhook-state").textContent).toBe("Dimatikan: gagal 24 jam");
  });

  it("adds an endpoint: names a refused URL, then shows the secret once", async () => {
    stored = [];
    server(OWNER);
    render();
    await screen.findByTestId("empty");
    fireEvent.click(screen.getByTestId("webhooks-create"));
    fireEvent.click(await screen.findByTestId("webhook-submit"));
    expect(await screen.findByText("Isi alamat webhook.")).toBeTruthy();
    expect(sent("POST")).toEqual([]);

    fireEvent.change(screen.getByTestId("webhook-url"), { target: { value: "http://toko.example/kabar" } });
    fireEvent.click(screen.getByTestId("webhook-event-message.received"));
    fireEvent.click(screen.getByTestId("webhook-submit"));
    expect(await screen.findByText("must be an https URL of a public host")).toBeTruthy();

    fireEvent.change(screen.getByTestId("webhook-url"), {
      target: { value: " https://toko.example/kabar " },
    });
    fireEvent.click(screen.getByTestId("webhook-submit"));
    expect((await screen.findByTestId("webhook-secret")).textContent).toBe(SECRET);
    expect(sent("POST").at(-1)!.body).toEqual({
      url: "https://toko.example/kabar",
      events: ["order.created", "message.received"],
    });
    fireEvent.click(screen.getByTestId("webhook-secret-done"));
    await waitFor(() => expect(screen.queryByTestId("webhook-secret")).toBeNull());
    expect(await screen.findByTestId("webhook-row")).toBeTruthy();
    expect(document.body.textContent).not.toContain(SECRET);
  });

  it("rotates the secret after confirmation and shows the new one once; sends a test event; turns it off", async () => {
    stored = [SHOP];
    server(OWNER);
    render();
    fireEvent.click(await screen.findByTestId("webhook-rotate"));
    const dialog = await screen.findByRole("dialog");
    fireEvent.click(within(dialog).getByRole("button", { name: "Ganti kunci rahasia" }));
    expect((await screen.findByTestId("webhook-secret")).textContent).toBe(ROTATED);
    fireEvent.click(screen.getByTestId("webhook-secret-done"));
    await waitFor(() => expect(screen.queryByTestId("webhook-secret")).toBeNull());

    fireEvent.click(screen.getByTestId("webhook-test"));
    await waitFor(() =>
      expect(sent("POST", "/test").map((c) => c.path)).toEqual([`/webhook-endpoints/${SHOP.id}/test`]),
    );

    fireEvent.click(screen.getByTestId("webhook-enabled"));
    await waitFor(() => expect(screen.getByTestId("webhook-state").textContent).toBe("Nonaktif"));
    expect(sent("PATCH").map((c) => c.body)).toEqual([{ enabled: false }]);
  });

  it("shows the delivery log (status, code, latency, answer) and redelivers", async () => {
    stored = [SHOP];
    server(OWNER);
    render();
    fireEvent.click(await screen.findByTestId("webhook-log"));
    const row = await screen.findByTestId("webhook-delivery-row");
    expect(within(row).getByTestId("webhook-delivery-status").textContent).toBe("Menunggu");
    expect(within(row).getByTestId("webhook-delivery-code").textContent).toBe("500");
    expect(within(row).getByTestId("webhook-delivery-latency").textContent).toBe("123 md");
    expect(within(row).getByTestId("webhook-delivery-excerpt").textContent).toBe("HTTP 500");
    fireEvent.click(within(row).getByTestId("webhook-redeliver"));
    await waitFor(() =>
      expect(sent("POST", "/redeliver").map((c) => c.path)).toEqual([
        `/webhook-endpoints/${SHOP.id}/deliveries/${DELIVERY.id}/redeliver`,
      ]),
    );
  });

  it("tells an agent their role cannot see webhooks, without asking the server for them", async () => {
    stored = [SHOP];
    server(AGENT);
    render();
    expect((await screen.findByTestId("webhooks-owner-only")).textContent).toMatch(
      /Peran Anda tidak bisa melihat/,
    );
    expect(sent("GET")).toEqual([]);
  });

  it("shows a custom role holding webhooks.read the endpoints without add, edit, test, rotate or delete; each appears with its permission", async () => {
    stored = [SHOP];
    server(customRole("webhooks.read"));
    const first = render();
    expect(await screen.findByTestId("webhook-row")).toBeTruthy();
    for (const id of ["webhooks-create", "webhook-edit", "webhook-test", "webhook-rotate", "webhook-delete"])
      expect(screen.queryByTestId(id)).toBeNull();
    expect(screen.getByTestId("webhook-log")).toBeTruthy();
    first.unmount();
    server(customRole("webhooks.read", "webhooks.delete"));
    render();
    expect(await screen.findByTestId("webhook-delete")).toBeTruthy();
    expect(screen.queryByTestId("webhook-edit")).toBeNull();
    expect(screen.queryByTestId("webhooks-create")).toBeNull();
  });
});
