import { act, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { RuleLogEntry } from "../../api/automation";
import i18n from "../../i18n";
import { RuleLog } from "./RuleLog";
import { fakeApi, renderAt } from "./testing";

const RULE = "33333333-3333-4333-8333-333333333333";
const entry = (e: Partial<RuleLogEntry>): RuleLogEntry => ({
  id: crypto.randomUUID(),
  ruleId: RULE,
  channelId: "11111111-1111-4111-8111-111111111111",
  messageId: crypto.randomUUID(),
  contactId: "44444444-4444-4444-8444-444444444444",
  contactName: "Wulan Sari",
  contactPhone: "+6285734560001",
  messageText: "Kak, harga kaos polos berapa?",
  conversationId: null,
  outcome: "sent",
  replyText: "Halo Wulan Sari, daftar harga kami kirim ya",
  replyMessageId: null,
  error: null,
  at: "2026-11-21T03:00:00.000Z",
  sentAt: "2026-11-21T03:00:02.000Z",
  ...e,
});

beforeEach(async () => {
  await act(() => i18n.changeLanguage("id"));
});
afterEach(() => vi.unstubAllGlobals());

describe("the rule log", () => {
  it("shows who wrote and the message that triggered the rule", async () => {
    fakeApi(({ path }) =>
      path.startsWith(`/automation/rules/${RULE}/log`)
        ? [entry({}), entry({ contactName: null, contactPhone: "+6281299990000", messageText: "HARGA" })]
        : { status: 404, body: { error: { code: "route_not_found", message: "no" } } },
    );
    renderAt(<RuleLog ruleId={RULE} />);
    const [first, second] = await screen.findAllByTestId("rule-log-row");
    expect(within(first!).getByTestId("rule-log-contact")?.textContent).toContain("Wulan Sari");
    expect(first?.textContent).toContain("+6285734560001");
    expect(within(first!).getByTestId("rule-log-message")?.textContent).toContain(
      "Kak, harga kaos polos berapa?",
    );
    // A customer without a name is shown by their number.
    expect(within(second!).getByTestId("rule-log-contact")?.textContent).toContain("+6281299990000");
    expect(screen.getByText("Pesan pelanggan")).toBeTruthy();
  });
});
