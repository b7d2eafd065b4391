/** Test helpers of the automation pages: a fake API behind `fetch` and the app's providers. */
import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import type { ReactNode } from "react";
import { MemoryRouter, Route, Routes } from "react-router";
import { vi } from "vitest";
import builtInRoles from "../../api/built-in-roles.json";

/** A request the fake API saw. */
export interface Call {
  method: string;
  path: string;
  body: unknown;
}

/** What the fake API answers: a value (200) or `{ status, error }` for an error answer. */
export type Answer = unknown | { status: number; body: unknown };

/**
 * Replaces `fetch` with `handler` (by method and path under /api/v1) and records every call.
 * An `{ status, body }` answer is sent as is; anything else as a 200 JSON body.
 */
export function fakeApi(handler: (call: Call) => Answer): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const call = {
        method: init.method ?? "GET",
        path: url.replace(/^\/api\/v1/, ""),
        body: init.body ? JSON.parse(String(init.body)) : undefined,
      };
      calls.push(call);
      const answer = handler(call);
      const raw =
        answer && typeof answer === "object" && "status" in answer && "body" in answer
          ? (answer as { status: number; body: unknown })
          : { status: 200, body: answer };
      return new Response(raw.status === 204 ? null : JSON.stringify(raw.body), {
        status: raw.status,
        headers: { "content-type": "application/json" },
      });
    }),
  );
  return calls;
}

/** Renders `element` at `path` (route `pattern`) with React Query, Mantine and a router. */
export function renderAt(element: ReactNode, path = "/", pattern = "/") {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={qc}>
      <MantineProvider env="test">
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path={pattern} element={element} />
            <Route path="*" element={<div data-testid="elsewhere" />} />
          </Routes>
        </MemoryRouter>
      </MantineProvider>
    </QueryClientProvider>,
  );
}

export const TENANT = { id: "t1", name: "Toko Contoh", timeZone: "Asia/Jakarta", locale: "id" };
export const OWNER = {
  id: "u1",
  tenantId: "t1",
  email: "o@x.test",
  name: "Owner",
  role: "owner",
  roleId: null as string | null,
  roleName: null as string | null,
  outletIds: [] as string[],
  permissions: builtInRoles.owner,
};
/** A built-in agent (the role's permissions as the registry generates them). */
export const AGENT = { ...OWNER, id: "u2", role: "agent", permissions: builtInRoles.agent };
/** Someone with a custom role ("Khusus") holding exactly `permissions`. */
export const customRole = (...permissions: string[]): typeof OWNER => ({
  ...OWNER,
  id: "u3",
  role: "custom",
  roleId: "77777777-7777-4777-8777-777777777777",
  roleName: "Khusus",
  permissions,
});
