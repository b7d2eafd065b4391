import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import i18n from "../../i18n";
import type { Conversation } from "../../api/inbox";
import { keys } from "../../api/keys";
import { Composer } from "./Composer";
import { conversation } from "./testing";

const STORED = { type: "image", id: "44444444-4444-4444-8444-444444444444", mimeType: "image/png" };
/** Requests the composer made: method, path, and the JSON body or the uploaded file's name. */
let requests: Array<{ method: string; path: string; body: unknown }> = [];
/** What the next upload answers. */
let uploadAnswer: () => Response;

beforeEach(async () => {
  await act(() => i18n.changeLanguage("id"));
  requests = [];
  uploadAnswer = () => Response.json({ ...STORED, size: 8 }, { status: 201 });
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit) => {
      const path = url.replace("/api/v1", "");
      const body =
        init.body instanceof FormData
          ? { file: (init.body.get("file") as File).name }
          : init.body
            ? JSON.parse(String(init.body))
            : undefined;
      requests.push({ method: init.method ?? "GET", path, body });
      if (path.endsWith("/media")) return uploadAnswer();
      if (path.endsWith("/messages"))
        return Response.json(
          {
            id: crypto.randomUUID(),
            direction: "out",
            text: body.text ?? null,
            media: body.media ?? null,
            status: "pending",
            error: null,
            campaignId: null,
            createdAt: new Date().toISOString(),
            deliveredAt: null,
            readAt: null,
          },
          { status: 201 },
        );
      return Response.json({ error: { code: "route_not_found", message: "not here" } }, { status: 404 });
    }),
  );
});
afterEach(() => vi.unstubAllGlobals());

function show(c: Conversation) {
  const qc = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  qc.setQueryData(keys.quickReplies, []);
  qc.setQueryData(keys.waTemplates(c.channelId), []);
  return render(
    <QueryClientProvider client={qc}>
      <MantineProvider>
        <Composer conversation={c} />
      </MantineProvider>
    </QueryClientProvider>,
  );
}

const pick = (name: string, type: string) =>
  fireEvent.change(screen.getByTestId("composer-file"), {
    target: { files: [new File(["89504e47"], name, { type })] },
  });

describe("attaching a file in the composer", () => {
  it("uploads the picked file, shows its name, and sends it with the caption", async () => {
    show(conversation());
    expect(screen.getByLabelText("Lampirkan berkas")).toBeTruthy();
    pick("kaos-merah.png", "image/png");
    expect(screen.getByTestId("composer-attachment").textContent).toContain("kaos-merah.png");
    await waitFor(() =>
      expect(requests).toEqual([
        {
          method: "POST",
          path: `/conversations/${conversation().id}/media`,
          body: { file: "kaos-merah.png" },
        },
      ]),
    );
    const input = screen.getByTestId("composer-input") as HTMLTextAreaElement;
    expect(input.placeholder).toBe("Tambahkan keterangan (opsional)…");
    fireEvent.change(input, { target: { value: "Ini kaos merahnya kak" } });
    await waitFor(() =>
      expect((screen.getByTestId("composer-send") as HTMLButtonElement).disabled).toBe(false),
    );
    fireEvent.click(screen.getByTestId("composer-send"));
    await waitFor(() =>
      expect(requests.at(-1)).toEqual({
        method: "POST",
        path: `/conversations/${conversation().id}/messages`,
        body: { media: STORED, text: "Ini kaos merahnya kak" },
      }),
    );
    // Sent: the attachment and the caption are cleared.
    await waitFor(() => expect(screen.queryByTestId("composer-attachment")).toBeNull());
    expect(input.value).toBe("");
  });

  it("sends a file without a caption too", async () => {
    show(conversation());
    pick("kaos-merah.png", "image/png");
    await waitFor(() =>
      expect((screen.getByTestId("composer-send") as HTMLButtonElement).disabled).toBe(false),
    );
    fireEvent.keyDown(screen.getByTestId("composer-input"), { key: "Enter" });
    await waitFor(() =>
      expect(requests.at(-1)).toEqual({
        method: "POST",
        path: `/conversations/${conversation().id}/messages`,
        body: { media: STORED },
      }),
    );
  });

  it("shows the server's reason for a refused file inline, blocks sending, and the x removes it", async () => {
    uploadAnswer = () =>
      Response.json(
        {
          error: {
            code: "file_too_large",
            message: "Berkas terlalu besar",
            fields: { file: "at most 5 MB" },
          },
        },
        { status: 413 },
      );
    show(conversation());
    pick("besar.png", "image/png");
    await waitFor(() =>
      expect(screen.getByTestId("composer-attachment-error").textContent).toBe("at most 5 MB"),
    );
    expect((screen.getByTestId("composer-send") as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByLabelText("Hapus berkas"));
    expect(screen.queryByTestId("composer-attachment")).toBeNull();
    expect((screen.getByTestId("composer-send") as HTMLButtonElement).disabled).toBe(false);
    expect(requests.filter((r) => r.path.endsWith("/messages"))).toEqual([]);
  });

  it("is not offered outside the Cloud API 24-hour window (templates only)", () => {
    show(
      conversation({
        channelKind: "cloud_api",
        windowExpiresAt: new Date(Date.now() - 60_000).toISOString(),
      }),
    );
    expect(screen.queryByTestId("composer-attach")).toBeNull();
    expect(screen.getByTestId("templates-only")).toBeTruthy();
  });
});
