import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AutoReplyRule, TestResult } from "../../api/automation";
import i18n from "../../i18n";
import { AutomationPage } from "./AutomationPage";
import { AGENT, fakeApi, OWNER, renderAt, TENANT, type Answer, type Call } from "./testing";
import { pickDateTime } from "../../components/pickDateTime.test-helper";

const CHANNEL = {
  id: "11111111-1111-4111-8111-111111111111",
  name: "Nomor Toko",
  kind: "sandbox",
  status: "connected",
};
const rule = (over: Partial<AutoReplyRule>): AutoReplyRule => ({
  id: "33333333-3333-4333-8333-333333333333",
  name: "Tanya harga",
  type: "keyword",
  channelId: null,
  config: { keywords: ["harga"], mode: "contains", caseSensitive: false },
  reply: "Halo {{name|kak}}, daftar harga ada di katalog.",
  priority: 80,
  enabled: true,
  cooldownSeconds: 3600,
  delayMinSeconds: 1,
  delayMaxSeconds: 3,
  triggerCount: 1234,
  lastTriggeredAt: "2026-11-21T03:05:00.000Z",
  createdAt: "2026-11-20T00:00:00.000Z",
  updatedAt: "2026-11-20T00:00:00.000Z",
  ...over,
});

let user = OWNER;
let rules: Answer;
let testAnswer: TestResult;
let calls: Call[];

beforeEach(async () => {
  user = OWNER;
  rules = [
    rule({}),
    rule({
      id: "55555555-5555-4555-8555-555555555555",
      name: "Di luar jam",
      type: "outside_hours",
      channelId: CHANNEL.id,
      priority: 40,
      enabled: false,
      triggerCount: 0,
      lastTriggeredAt: null,
    }),
  ];
  testAnswer = {
    rule: { id: "33333333-3333-4333-8333-333333333333", name: "Tanya harga", type: "keyword", priority: 80 },
    reply: "Halo kak, daftar harga ada di katalog.",
  };
  await act(() => i18n.changeLanguage("id"));
  calls = fakeApi(({ method, path, body }) => {
    if (path === "/auth/session") return { user };
    if (path === "/tenant") return TENANT;
    if (path === "/channels") return [CHANNEL];
    if (path === "/automation/rules") return rules;
    if (method === "PATCH" && path.startsWith("/automation/rules/")) {
      // Stored, as the server would: the list fetched afterwards shows it.
      rules = (rules as AutoReplyRule[]).map((r) =>
        path.endsWith(r.id) ? { ...r, ...(body as object) } : r,
      );
      return (rules as AutoReplyRule[]).find((r) => path.endsWith(r.id));
    }
    if (method === "POST" && path === "/automation/test") return testAnswer;
    if (path.startsWith("/contacts?")) return { items: [SARI], total: 1, page: 1, pageSize: 50 };
    throw new Error(`unexpected ${method} ${path}`);
  });
});
afterEach(() => vi.unstubAllGlobals());

const show = () => renderAt(<AutomationPage />, "/automation", "/automation");

/** A contact of the shop, to test a message as if she wrote it. */
const SARI = {
  id: "66666666-6666-4666-8666-666666666666",
  phone: "+6281234500001",
  name: "Sari",
  labels: [],
  attributes: {},
  optedOut: false,
  createdAt: "2026-11-01T00:00:00Z",
};
const rows = async () => {
  await screen.findByTestId("rules-table");
  return screen.getAllByTestId("rule-row");
};

describe("the rules list", { timeout: 20_000 }, () => {
  it("shows each rule with type, priority, number, trigger count and last trigger in the shop’s time zone", async () => {
    show();
    const [first, second] = await rows();
    const a = within(first!);
    expect(a.getByText("Tanya harga")).toBeTruthy();
    expect(a.getByText("Kata kunci")).toBeTruthy();
    expect(a.getByText("80")).toBeTruthy();
    expect(a.getByText("Semua nomor")).toBeTruthy();
    expect(a.getByTestId("rule-triggers").textContent).toBe("1.234");
    expect(a.getByTestId("rule-last").textContent).toBe("21 Nov 2026, 10.05 WIB"); // 03:05 UTC is 10:05 in Jakarta
    const b = within(second!);
    expect(b.getByText("Di luar jam kerja")).toBeTruthy();
    expect(b.getByText("Nomor Toko")).toBeTruthy();
    expect(b.getByTestId("rule-last").textContent).toBe("Belum pernah");
    expect((b.getByTestId("rule-enabled-switch") as HTMLInputElement).checked).toBe(false);
  });

  it("switches a rule off at once with PATCH {enabled: false}", async () => {
    show();
    const [first] = await rows();
    const toggle = within(first!).getByTestId("rule-enabled-switch") as HTMLInputElement;
    await waitFor(() => expect(toggle.disabled).toBe(false)); // once the session says owner
    fireEvent.click(toggle);
    await waitFor(() => expect(calls.find((c) => c.method === "PATCH")).toBeTruthy());
    const patch = calls.find((c) => c.method === "PATCH")!;
    expect(patch.path).toBe("/automation/rules/33333333-3333-4333-8333-333333333333");
    expect(patch.body).toEqual({ enabled: false });
    await waitFor(() => expect(toggle.checked).toBe(false));
  });

  it("gives agents no switch to move and no new-rule button", async () => {
    user = AGENT;
    show();
    const [first] = await rows();
    await waitFor(() => expect(calls.some((c) => c.path === "/auth/session")).toBe(true));
    expect((within(first!).getByTestId("rule-enabled-switch") as HTMLInputElement).disabled).toBe(true);
    expect(screen.queryByTestId("new-rule")).toBeNull();
  });

  it("says when there are no rules yet, and offers a retry when loading fails", async () => {
    rules = [];
    show();
    expect((await screen.findByTestId("empty")).textContent).toContain("Belum ada aturan");
    vi.unstubAllGlobals();
    rules = { status: 500, body: { error: { code: "internal", message: "Server bermasalah" } } };
    calls = fakeApi(({ path }) =>
      path === "/automation/rules"
        ? rules
        : path === "/auth/session"
          ? { user }
          : path === "/tenant"
            ? TENANT
            : [CHANNEL],
    );
    show();
    expect(await screen.findByText("Server bermasalah")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Coba lagi" })).toBeTruthy();
  });
});

describe('the "test a message" panel', { timeout: 20_000 }, () => {
  it("shows the rule that would answer and its rendered reply", async () => {
    show();
    fireEvent.change(screen.getByTestId("test-text"), { target: { value: "Berapa harga?" } });
    fireEvent.click(screen.getByTestId("test-submit"));
    const result = await screen.findByTestId("test-result");
    expect(within(result).getByTestId("test-rule").textContent).toBe("Tanya harga");
    expect(within(result).getByText("Kata kunci")).toBeTruthy();
    expect(within(result).getByTestId("test-reply").textContent).toBe(
      "Halo kak, daftar harga ada di katalog.",
    );
    expect(calls.find((c) => c.path === "/automation/test")!.body).toEqual({ text: "Berapa harga?" });
  });

  it("writes the reply for the sample customer when no contact is chosen, or for the chosen contact", async () => {
    show();
    await screen.findByTestId("rules-table");
    fireEvent.change(screen.getByTestId("test-text"), { target: { value: "Berapa harga?" } });
    fireEvent.click(screen.getByTestId("test-submit"));
    // Never "Halo !": the server writes for Budi, and the panel says so.
    expect((await screen.findByTestId("test-for")).textContent).toBe(
      "Ditulis untuk: Contoh pelanggan (Budi Santoso)",
    );
    fireEvent.click(screen.getByTestId("test-contact"));
    fireEvent.click(await screen.findByRole("option", { name: "Sari (+6281234500001)" }));
    fireEvent.click(screen.getByTestId("test-submit"));
    await waitFor(() => expect(screen.getByTestId("test-for").textContent).toBe("Ditulis untuk: Sari"));
    expect(calls.filter((c) => c.path === "/automation/test").map((c) => c.body)).toEqual([
      { text: "Berapa harga?" },
      { text: "Berapa harga?", contactId: SARI.id },
    ]);
  });

  it("sends the chosen number and a shop-time moment, and says when no rule would answer", async () => {
    testAnswer = { rule: null, reply: null };
    show();
    await screen.findByTestId("rules-table");
    fireEvent.change(screen.getByTestId("test-text"), { target: { value: "halo" } });
    fireEvent.click(screen.getByTestId("test-channel"));
    fireEvent.click(await screen.findByRole("option", { name: "Nomor Toko" }));
    pickDateTime(screen.getByTestId("test-at"), "21 November 2026", "20", "00");
    fireEvent.click(screen.getByTestId("test-submit"));
    expect((await screen.findByTestId("test-none")).textContent).toBe(
      "Tidak ada aturan yang akan membalas pesan ini.",
    );
    // 20:00 WIB (UTC+7) is 13:00 UTC.
    expect(calls.find((c) => c.path === "/automation/test")!.body).toEqual({
      text: "halo",
      channelId: CHANNEL.id,
      at: "2026-11-21T13:00:00.000Z",
    });
  });
});
