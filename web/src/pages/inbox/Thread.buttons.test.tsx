import { act, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import i18n from "../../i18n";
import { conversation, inboxMessage } from "./testing";
import { showThread } from "./showThread";

const c = conversation({ channelKind: "cloud_api", name: "Bambang" });
const QUESTION =
  "Halo Bambang, pesanan INV/2026/12/0007 sebesar Rp85.000, bayar di tempat (COD). Balas YA atau BATAL.";

beforeEach(() => {
  // jsdom lays nothing out: the thread scrolls to its last message.
  if (!Element.prototype.scrollTo) Element.prototype.scrollTo = () => {};
  vi.stubGlobal(
    "fetch",
    vi.fn(async () =>
      Response.json({ error: { code: "route_not_found", message: "not here" } }, { status: 404 }),
    ),
  );
});
afterEach(() => vi.unstubAllGlobals());

describe("the thread shows the reply buttons the shop's message offered", () => {
  it("lists the button titles under the message's text, and nothing under a message without buttons", async () => {
    await act(() => i18n.changeLanguage("id"));
    showThread(c, [
      inboxMessage({
        direction: "out",
        status: "delivered",
        text: QUESTION,
        buttons: [
          { id: "cod:yes:o1", title: "YA" },
          { id: "cod:cancel:o1", title: "BATAL" },
        ],
      }),
      inboxMessage({ direction: "out", status: "read", text: "Terima kasih kak" }),
    ]);
    const [asked, thanks] = screen.getAllByTestId("message-out");
    expect(asked!.textContent).toContain(QUESTION);
    const buttons = within(asked!).getByRole("group", { name: "Tombol balasan yang ditawarkan" });
    expect([...buttons.children].map((b) => b.textContent)).toEqual(["YA", "BATAL"]);
    expect(within(buttons).getByText("BATAL").closest("[title]")?.getAttribute("title")).toBe(
      "ID tombol: cod:cancel:o1",
    );
    expect(within(thanks!).queryByTestId("message-buttons")).toBeNull();
  });
});
