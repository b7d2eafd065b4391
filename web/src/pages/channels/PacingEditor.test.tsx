import { MantineProvider } from "@mantine/core";
import { act, fireEvent, render, screen } from "@testing-library/react";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../api/client";
import i18n from "../../i18n";
import type { PacingPolicy, PacingPreset } from "../../api/types";
import { matchingPreset, pacingChange, pacingProblems } from "./pacing";
import { PacingEditor } from "./PacingEditor";

// The server's presets (src/channels/pacing.ts), as GET /channels/pacing-presets gives them.
const safe: PacingPolicy = {
  minDelayMs: 8_000,
  maxDelayMs: 20_000,
  perMinute: 3,
  perHour: 120,
  perDay: 800,
  warmup: { enabled: true, firstDay: 20, growth: 1.8 },
  quietHours: { enabled: true, start: "21:00", end: "08:00" },
  typing: true,
  typingMs: { min: 1_500, max: 4_000 },
  precheckNumbers: true,
  pauseAfterConsecutiveFailures: 10,
  concurrency: 1,
};
const balanced: PacingPolicy = {
  ...safe,
  minDelayMs: 3_000,
  maxDelayMs: 8_000,
  perMinute: 10,
  perHour: 400,
  perDay: 3_000,
  warmup: { enabled: false, firstDay: 20, growth: 1.8 },
  typingMs: { min: 1_000, max: 3_000 },
};
const off: PacingPolicy = {
  ...balanced,
  minDelayMs: 0,
  maxDelayMs: 0,
  perMinute: 0,
  perHour: 0,
  perDay: 0,
  quietHours: { enabled: false, start: "21:00", end: "08:00" },
  typing: false,
  typingMs: { min: 0, max: 0 },
  precheckNumbers: false,
  pauseAfterConsecutiveFailures: 0,
  concurrency: 100,
};
const PRESETS: PacingPreset[] = [
  { name: "safe", policy: safe, label: "Safe", description: "", sandboxOnly: false },
  { name: "balanced", policy: balanced, label: "Balanced", description: "", sandboxOnly: false },
  { name: "off", policy: off, label: "Off", description: "", sandboxOnly: true },
];

function show(props: Partial<Parameters<typeof PacingEditor>[0]> = {}) {
  const onSave = vi.fn();
  render(
    <MantineProvider>
      <PacingEditor
        policy={safe}
        preset="safe"
        kind="whatsapp_web"
        presets={PRESETS}
        onSave={onSave}
        {...props}
      />
    </MantineProvider>,
  );
  return onSave;
}

const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const save = () => screen.getByTestId("pacing-save") as HTMLButtonElement;

beforeAll(async () => {
  await act(() => i18n.changeLanguage("id"));
});

describe("pacing rules (as the server checks them)", () => {
  it("finds the preset a policy equals, else sends the policy as custom", () => {
    expect(matchingPreset({ ...balanced }, PRESETS)).toBe("balanced");
    expect(pacingChange(structuredClone(safe), PRESETS)).toEqual({ pacingPreset: "safe" });
    const custom = { ...safe, perDay: 500 };
    expect(matchingPreset(custom, PRESETS)).toBeNull();
    expect(pacingChange(custom, PRESETS)).toEqual({ pacing: custom });
  });

  it("names each broken rule by the field the server would name", () => {
    expect(pacingProblems(safe)).toEqual([]);
    expect(pacingProblems(off)).toEqual([]);
    const broken = {
      ...safe,
      minDelayMs: 30_000,
      perDay: 0,
      concurrency: 4,
      quietHours: { enabled: true, start: "22:00", end: "22:00" },
    };
    expect(
      pacingProblems(broken)
        .map((p) => p.field)
        .sort(),
    ).toEqual(["concurrency", "maxDelayMs", "perDay", "quietHours.end"]);
  });
});

describe("PacingEditor", () => {
  it("explains each preset, and saves the one chosen by name", () => {
    const onSave = show();
    expect(screen.getByText(/selang antarpesan 8–20 detik/)).toBeTruthy();
    expect(save().disabled).toBe(true); // nothing changed yet
    fireEvent.click(screen.getByLabelText("Seimbang"));
    expect(input("Selang antarpesan maksimum").value).toBe("8 detik");
    fireEvent.click(save());
    expect(onSave).toHaveBeenCalledWith({ pacingPreset: "balanced" });
  });

  it("warns that a sandbox-only preset would get a real number banned", () => {
    show();
    expect(screen.queryByTestId("pacing-risk")).toBeNull();
    fireEvent.click(screen.getByLabelText("Mati (hanya sandbox)"));
    expect(screen.getByTestId("pacing-risk").textContent).toContain("diblokir");
  });

  it("turns custom when a number is edited, blocks a broken policy, and saves the policy in ms", () => {
    const onSave = show();
    fireEvent.change(input("Maks. per hari"), { target: { value: "500" } });
    expect((screen.getByLabelText("Kustom") as HTMLInputElement).checked).toBe(true);
    fireEvent.change(input("Selang antarpesan minimum"), { target: { value: "30" } });
    expect(screen.getByText("Harus sama atau lebih besar dari minimum")).toBeTruthy();
    expect(save().disabled).toBe(true);
    fireEvent.change(input("Selang antarpesan minimum"), { target: { value: "2,5" } });
    expect(save().disabled).toBe(false);
    fireEvent.click(save());
    expect(onSave).toHaveBeenCalledWith({ pacing: { ...safe, perDay: 500, minDelayMs: 2_500 } });
  });

  it("writes seconds with a decimal comma and 'detik' in Bahasa Indonesia, like the preset texts", () => {
    show({ policy: { ...safe, minDelayMs: 500, maxDelayMs: 1_500, typing: true }, preset: "custom" });
    expect(input("Selang antarpesan minimum").value).toBe("0,5 detik");
    expect(input("Selang antarpesan maksimum").value).toBe("1,5 detik");
    expect(input("Mengetik minimum").value).toBe("1,5 detik");
  });

  it("shows the server's field error on its field", () => {
    show({
      error: new ApiError(400, "validation_failed", "Data tidak valid: pacing.perHour", {
        "pacing.perHour": "Too big",
      }),
    });
    expect(input("Maks. per jam").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByText("Too big")).toBeTruthy();
  });
});
