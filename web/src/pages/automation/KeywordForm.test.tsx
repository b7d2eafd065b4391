import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AutoReplyRule } from "../../api/automation";
import i18n from "../../i18n";
import { configOf, newDraft } from "./ruleDraft";
import { RuleEditorPage } from "./RuleEditorPage";
import { AGENT, fakeApi, OWNER, renderAt, TENANT, type Call } from "./testing";

const CHANNEL = {
  id: "11111111-1111-4111-8111-111111111111",
  name: "Nomor Toko",
  kind: "sandbox",
  status: "connected",
};
const STORED: AutoReplyRule = {
  id: "33333333-3333-4333-8333-333333333333",
  name: "Harga",
  type: "keyword",
  channelId: null,
  config: { keywords: ["harga", "price"], mode: "starts_with", caseSensitive: false },
  reply: "Halo {{name}}, harga ada di katalog.",
  priority: 70,
  enabled: true,
  cooldownSeconds: 7200,
  delayMinSeconds: 2,
  delayMaxSeconds: 5,
  triggerCount: 3,
  lastTriggeredAt: "2026-11-21T03:00:00.000Z",
  createdAt: "2026-11-20T00:00:00.000Z",
  updatedAt: "2026-11-20T00:00:00.000Z",
};

let user = OWNER;
let createAnswer: unknown;
let calls: Call[];

beforeEach(async () => {
  user = OWNER;
  createAnswer = null;
  await act(() => i18n.changeLanguage("id"));
  calls = fakeApi(({ method, path, body }) => {
    if (path === "/auth/session") return { user };
    if (path === "/tenant") return TENANT;
    if (path === "/channels") return [CHANNEL];
    if (path === "/contacts/attributes") return [{ key: "kota", count: 3 }];
    if (method === "POST" && path === "/automation/rules")
      return createAnswer ?? { ...STORED, ...(body as object), id: "44444444-4444-4444-8444-444444444444" };
    if (path === `/automation/rules/${STORED.id}`)
      return method === "PATCH" ? { ...STORED, ...(body as object) } : STORED;
    if (path.startsWith(`/automation/rules/${STORED.id}/log`)) return [];
    throw new Error(`unexpected ${method} ${path}`);
  });
});
afterEach(() => vi.unstubAllGlobals());

const posts = () => calls.filter((c) => c.method === "POST" && c.path === "/automation/rules");
const addKeyword = (word: string) => {
  const input = screen.getByTestId("keywords-input");
  fireEvent.change(input, { target: { value: word } });
  fireEvent.keyDown(input, { key: "Enter" });
};

describe("the keyword rule form", { timeout: 20_000 }, () => {
  it("sends the keywords, match mode and case switch as the server’s keyword config", async () => {
    renderAt(<RuleEditorPage />, "/automation/new?type=keyword", "/automation/new");
    await screen.findByTestId("rule-save");
    fireEvent.change(screen.getByTestId("rule-name"), { target: { value: "Tanya harga" } });
    addKeyword("harga");
    addKeyword("berapa");
    fireEvent.click(screen.getByText("Sama persis"));
    fireEvent.click(screen.getByRole("switch", { name: /Bedakan huruf besar dan kecil/ }));
    fireEvent.change(screen.getByTestId("rule-reply"), { target: { value: "Halo kak, " } });
    fireEvent.click(await screen.findByTestId("insert-name")); // the variable picker puts {{name}} at the caret
    fireEvent.click(screen.getByTestId("rule-save"));
    await waitFor(() => expect(posts()).toHaveLength(1));
    expect(posts()[0]!.body).toEqual({
      name: "Tanya harga",
      type: "keyword",
      channelId: null,
      config: { keywords: ["harga", "berapa"], mode: "exact", caseSensitive: true },
      reply: "Halo kak, {{name}}",
      priority: 50,
      enabled: true,
      cooldownSeconds: 3600,
      delayMinSeconds: 2,
      delayMaxSeconds: 5,
    });
    // Saved: on to the rule's own page.
    expect(await screen.findByTestId("elsewhere")).toBeTruthy();
  });

  it("asks for a name before sending, and shows the server’s field problems under their fields", async () => {
    renderAt(<RuleEditorPage />, "/automation/new?type=keyword", "/automation/new");
    fireEvent.click(await screen.findByTestId("rule-save"));
    expect(await screen.findByText("Beri nama aturan")).toBeTruthy();
    expect(posts()).toHaveLength(0);

    createAnswer = {
      status: 400,
      body: {
        error: {
          code: "validation_failed",
          message: "Data tidak valid: config.keywords, reply",
          fields: { "config.keywords": "Minimal satu kata kunci", reply: "required" },
        },
      },
    };
    fireEvent.change(screen.getByTestId("rule-name"), { target: { value: "Kosong" } });
    fireEvent.click(screen.getByTestId("rule-save"));
    expect(await screen.findByText("Minimal satu kata kunci")).toBeTruthy();
    expect(screen.getByTestId("keywords-input").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByTestId("rule-reply").getAttribute("aria-invalid")).toBe("true");
    // Nothing typed is lost, and an edit clears the stale verdict.
    expect((screen.getByTestId("rule-name") as HTMLInputElement).value).toBe("Kosong");
    addKeyword("harga");
    await waitFor(() => expect(screen.queryByText("Minimal satu kata kunci")).toBeNull());
  });

  it("loads a stored rule and saves only what PATCH takes (no type)", async () => {
    renderAt(<RuleEditorPage />, `/automation/${STORED.id}`, "/automation/:id");
    expect(await screen.findByText("price")).toBeTruthy();
    expect(screen.getByTestId("rule-stats").textContent).toContain("Terpicu 3 kali");
    const save = await screen.findByTestId("rule-save"); // owners only, once the session is known
    fireEvent.click(screen.getByText("Mengandung"));
    fireEvent.click(save);
    await waitFor(() => expect(calls.some((c) => c.method === "PATCH")).toBe(true));
    const patch = calls.find((c) => c.method === "PATCH")!;
    expect(patch.body).toMatchObject({
      config: { keywords: ["harga", "price"], mode: "contains", caseSensitive: false },
      cooldownSeconds: 7200,
      priority: 70,
    });
    expect(patch.body).not.toHaveProperty("type");
  });

  it("shows an agent the rule without save or delete, every field locked", async () => {
    user = AGENT;
    renderAt(<RuleEditorPage />, `/automation/${STORED.id}`, "/automation/:id");
    expect(await screen.findByText("price")).toBeTruthy();
    await screen.findByText(/Peran Anda tidak bisa mengubah aturan/);
    expect(screen.queryByTestId("rule-save")).toBeNull();
    expect(screen.queryByTestId("rule-delete")).toBeNull();
    expect((screen.getByTestId("rule-name") as HTMLInputElement).closest("fieldset")?.disabled).toBe(true);
  });
});

describe("the other rule types", { timeout: 20_000 }, () => {
  it('sends a welcome rule’s "after N days" as afterDays, and "first message ever" as null', async () => {
    renderAt(<RuleEditorPage />, "/automation/new?type=welcome", "/automation/new");
    await screen.findByTestId("rule-save");
    fireEvent.change(screen.getByTestId("rule-name"), { target: { value: "Sambutan" } });
    fireEvent.change(screen.getByTestId("rule-reply"), { target: { value: "Selamat datang!" } });
    fireEvent.click(screen.getByLabelText("Juga pesan pertama setelah"));
    fireEvent.change(screen.getByTestId("welcome-days"), { target: { value: "14" } });
    fireEvent.click(screen.getByTestId("rule-save"));
    await waitFor(() => expect(posts()).toHaveLength(1));
    expect(posts()[0]!.body).toMatchObject({ type: "welcome", config: { afterDays: 14 } });
    expect(configOf(newDraft("welcome"))).toEqual({ afterDays: null }); // the form's default: first message ever
  });

  it("sends an empty config for a fallback rule", async () => {
    renderAt(<RuleEditorPage />, "/automation/new?type=fallback", "/automation/new");
    await screen.findByTestId("rule-save");
    fireEvent.change(screen.getByTestId("rule-name"), { target: { value: "Cadangan" } });
    fireEvent.change(screen.getByTestId("rule-reply"), {
      target: { value: "Terima kasih, kami segera membalas." },
    });
    fireEvent.click(screen.getByTestId("rule-save"));
    await waitFor(() => expect(posts()).toHaveLength(1));
    expect(posts()[0]!.body).toMatchObject({ type: "fallback", config: {} });
    expect(screen.queryByTestId("keyword-editor")).toBeNull();
  });
});
