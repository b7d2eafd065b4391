import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import i18n from "../../../i18n";
import { TemplateWizard } from "./TemplateWizard";

/** A server answering POST /channels/c1/wa-templates with `answer`; returns the bodies it got. */
function fakeServer(answer: { status: number; body: unknown }) {
  const bodies: unknown[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (_url: string, init?: RequestInit) => {
      bodies.push(JSON.parse(String(init?.body ?? "null")));
      return new Response(JSON.stringify(answer.body), {
        status: answer.status,
        headers: { "content-type": "application/json" },
      });
    }),
  );
  return bodies;
}

function show(onSubmitted = vi.fn()) {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={qc}>
      <MantineProvider>
        <TemplateWizard channelId="c1" opened onClose={() => {}} onSubmitted={onSubmitted} />
      </MantineProvider>
    </QueryClientProvider>,
  );
  return onSubmitted;
}

const type = (testId: string, value: string) =>
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
const next = () => fireEvent.click(screen.getByTestId("wa-wizard-next"));

beforeAll(async () => {
  await act(() => i18n.changeLanguage("id"));
});
afterEach(() => vi.unstubAllGlobals());

describe("the WhatsApp template wizard", () => {
  it("keeps the owner on a step until Meta's limits are met, naming the problem", async () => {
    show();
    type("wa-wizard-name", "Promo Lebaran");
    next();
    expect(await screen.findByText("Hanya huruf kecil, angka dan _")).toBeTruthy();
    expect(screen.getByTestId("wa-wizard-name")).toBeTruthy();
    type("wa-wizard-name", "promo_lebaran");
    expect(screen.queryByText("Hanya huruf kecil, angka dan _")).toBeNull();
    next(); // header: none
    next();
    type("wa-wizard-body", "x".repeat(1025));
    next();
    expect(await screen.findByText("Maksimal 1024 karakter")).toBeTruthy();
    type("wa-wizard-body", "Halo {{1}}, pesanan {{3}} siap");
    expect(screen.getByText("Variabel bernomor harus urut dari {{1}} tanpa lompatan")).toBeTruthy();
    type("wa-wizard-body", "Halo {{1}}, pesanan siap");
    next();
    expect(await screen.findByText("Contoh isi wajib diisi")).toBeTruthy();
  });

  it("shows the message on a phone with each variable's example as it is typed", async () => {
    show();
    type("wa-wizard-name", "pesanan_siap");
    next();
    next();
    type("wa-wizard-body", "Halo {{1}}, pesanan {{2}} siap diambil.");
    expect(screen.getByTestId("wa-preview-body").textContent).toBe("Halo {{1}}, pesanan {{2}} siap diambil.");
    type("wa-wizard-example-1", "Sari");
    type("wa-wizard-example-2", "A-17");
    expect(screen.getByTestId("wa-preview-body").textContent).toBe("Halo Sari, pesanan A-17 siap diambil.");
  });

  it("submits Meta's format and shows the server's field problem on its step", async () => {
    const bodies = fakeServer({
      status: 400,
      body: {
        error: {
          code: "invalid_wa_template",
          message: "Template belum sesuai aturan Meta",
          fields: { "components[0].text": "Ditolak server" },
        },
      },
    });
    show();
    type("wa-wizard-name", "pesanan_siap");
    next();
    next();
    type("wa-wizard-body", "Halo {{1}}");
    type("wa-wizard-example-1", "Sari");
    next();
    type("wa-wizard-footer", "Toko Sinar Jaya");
    next();
    next();
    fireEvent.click(screen.getByTestId("wa-wizard-submit"));
    expect(await screen.findByText("Ditolak server")).toBeTruthy();
    expect(screen.getByTestId("wa-wizard-body")).toBeTruthy();
    expect(bodies[0]).toEqual({
      name: "pesanan_siap",
      language: "id",
      category: "MARKETING",
      parameterFormat: "POSITIONAL",
      components: [
        { type: "BODY", text: "Halo {{1}}", example: { body_text: [["Sari"]] } },
        { type: "FOOTER", text: "Toko Sinar Jaya" },
      ],
    });
  });

  it("tells the panel when Meta took the template for review", async () => {
    fakeServer({ status: 201, body: { name: "info_toko", status: "PENDING" } });
    const onSubmitted = show();
    type("wa-wizard-name", "info_toko");
    next();
    next();
    type("wa-wizard-body", "Toko buka jam 8.");
    for (let i = 0; i < 3; i++) next();
    fireEvent.click(screen.getByTestId("wa-wizard-submit"));
    await waitFor(() => expect(onSubmitted).toHaveBeenCalledWith({ name: "info_toko", status: "PENDING" }));
  });
});
