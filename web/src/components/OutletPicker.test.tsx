import { act, cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Contact } from "../api/types";
import i18n from "../i18n";
import { type Call, fakeApi, OWNER, renderAt, TENANT } from "../pages/automation/testing";
import { AudienceStep } from "../pages/campaigns/composer/AudienceStep";
import { type Draft, EMPTY_DRAFT } from "../pages/campaigns/composer/draft";
import { ContactForm } from "../pages/contacts/ContactForm";
import { AddStaffDialog } from "../pages/staff/AddStaffDialog";
import { ChangeRoleDialog } from "../pages/staff/ChangeRoleDialog";
import { ROLES, staffUser } from "../pages/staff/testing";

const SOLO = { id: "00000000-0000-4000-8000-00000000000a", name: "Cabang Solo" };
const MEDAN = { id: "00000000-0000-4000-8000-00000000000b", name: "Cabang Medan" };
const CHANNELS = [
  { id: "c-solo", name: "WA Solo", outletId: SOLO.id, kind: "sandbox", status: "connected" },
  { id: "c-medan", name: "WA Medan", outletId: MEDAN.id, kind: "sandbox", status: "connected" },
];

let calls: Call[];

/** A fake server of a shop with `outlets`, signed in as the owner. */
function shop(outlets: Array<{ id: string; name: string }>) {
  calls = fakeApi(({ method, path, body }) => {
    if (path === "/auth/session") return { user: OWNER };
    if (path === "/tenant") return TENANT;
    if (path === "/outlets") return outlets;
    if (path === "/channels") return CHANNELS;
    if (method === "POST" && path === "/users")
      return { status: 201, body: { ...staffUser({ name: "Rina" }), temporaryPassword: "x" } };
    if (method === "PATCH") return { ...(body as object), id: "x" };
    return [];
  });
}

/** Waits until the outlets were asked for, so an absent picker is really absent. */
const outletsRead = () => waitFor(() => expect(calls.some((c) => c.path === "/outlets")).toBe(true));

const CONTACT = {
  id: "k1",
  phone: "+6281200000001",
  name: "Sari",
  labels: [],
  attributes: {},
  optedOut: false,
  homeOutletId: SOLO.id,
} as unknown as Contact;

beforeAll(async () => {
  await act(() => i18n.changeLanguage("id"));
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("outlet pickers: only for a shop with two outlets or more", () => {
  it("the staff forms: absent with one outlet; with two, the new staff's outlets are sent, none = every outlet", async () => {
    shop([SOLO]);
    renderAt(<AddStaffDialog opened roles={ROLES} onClose={() => {}} onAdded={() => {}} />);
    await outletsRead();
    expect(screen.queryByTestId("outlets-picker")).toBeNull();
    cleanup();

    shop([SOLO, MEDAN]);
    renderAt(<AddStaffDialog opened roles={ROLES} onClose={() => {}} onAdded={() => {}} />);
    const picker = await screen.findByTestId("outlets-picker");
    expect(picker.getAttribute("placeholder")).toBe("Semua outlet");
    fireEvent.click(picker);
    fireEvent.click(await screen.findByRole("option", { name: "Cabang Medan" }));
    fireEvent.change(screen.getByTestId("staff-name"), { target: { value: "Rina" } });
    fireEvent.change(screen.getByTestId("staff-email"), { target: { value: "rina@toko.test" } });
    fireEvent.click(screen.getByTestId("add-staff-submit"));
    await waitFor(() => expect(calls.some((c) => c.method === "POST")).toBe(true));
    expect(calls.find((c) => c.method === "POST")?.body).toMatchObject({ outletIds: [MEDAN.id] });
    cleanup();

    const user = staffUser({ id: "u5", name: "Budi", outletIds: [SOLO.id] });
    renderAt(<ChangeRoleDialog user={user} roles={ROLES} onClose={() => {}} />);
    fireEvent.click(await screen.findByTestId("change-role-save"));
    await waitFor(() => expect(calls.some((c) => c.method === "PATCH")).toBe(true));
    // Unchanged outlets are not sent.
    expect(calls.find((c) => c.method === "PATCH")?.body).not.toHaveProperty("outletIds");
  });

  it("the contact form: the home outlet only with two outlets", async () => {
    shop([SOLO]);
    renderAt(<ContactForm contact={CONTACT} />);
    await outletsRead();
    expect(screen.queryByTestId("home-outlet-picker")).toBeNull();
    cleanup();

    shop([SOLO, MEDAN]);
    renderAt(<ContactForm contact={CONTACT} />);
    fireEvent.click(await screen.findByTestId("home-outlet-picker"));
    fireEvent.click(await screen.findByRole("option", { name: "Cabang Medan" }));
    fireEvent.click(screen.getByTestId("contact-save"));
    await waitFor(() => expect(calls.some((c) => c.method === "PATCH")).toBe(true));
    expect(calls.find((c) => c.method === "PATCH")?.body).toMatchObject({ homeOutletId: MEDAN.id });
  });

  it("the campaign composer: an outlet's customers only with two outlets, and choosing one picks its number", async () => {
    let draft: Draft = { ...EMPTY_DRAFT, channelId: "c-solo" };
    const update = vi.fn((patch: Partial<Draft>) => {
      draft = { ...draft, ...patch };
    });
    shop([SOLO]);
    renderAt(<AudienceStep draft={draft} update={update} error={() => undefined} />);
    await outletsRead();
    expect(screen.queryByText("Pelanggan satu outlet")).toBeNull();
    cleanup();

    shop([SOLO, MEDAN]);
    renderAt(
      <AudienceStep draft={{ ...draft, audienceType: "outlet" }} update={update} error={() => undefined} />,
    );
    expect(await screen.findByText("Pelanggan satu outlet")).toBeTruthy();
    await waitFor(() => expect(calls.some((c) => c.path === "/channels")).toBe(true));
    fireEvent.click(await screen.findByTestId("audience-outlet-input"));
    fireEvent.click(await screen.findByRole("option", { name: "Cabang Medan" }));
    expect(update).toHaveBeenLastCalledWith({ outletId: MEDAN.id, channelId: "c-medan" });
  });
});
