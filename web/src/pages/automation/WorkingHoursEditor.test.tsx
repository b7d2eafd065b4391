import { MantineProvider } from "@mantine/core";
import { act, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { beforeAll, describe, expect, it } from "vitest";
import i18n from "../../i18n";
import { defaultHours, draftOf, hoursConfigOf, type HoursDraft } from "./ruleDraft";
import { WorkingHoursEditor } from "./WorkingHoursEditor";

/** The editor with its state; the config the server would get is shown as JSON. */
function Harness({ errors = {} }: { errors?: Record<string, string> }) {
  const [hours, setHours] = useState<HoursDraft>(defaultHours());
  return (
    <MantineProvider env="test">
      <WorkingHoursEditor value={hours} onChange={setHours} error={(f) => errors[f]} />
      <pre data-testid="config">{JSON.stringify(hoursConfigOf(hours))}</pre>
    </MantineProvider>
  );
}

const config = () => JSON.parse(screen.getByTestId("config").textContent ?? "");
const type = (testId: string, value: string) =>
  fireEvent.change(screen.getByTestId(testId), { target: { value } });

/**
 * The server's own zod schema of the config (src/modules/automation/rules.ts, no database).
 * Loaded by a path the web type check does not follow: the server's types need Node's.
 */
let outsideHoursConfig: { safeParse(v: unknown): { success: boolean } };
const SERVER_RULES = "../../../../src/modules/automation/rules";

beforeAll(async () => {
  await act(() => i18n.changeLanguage("id"));
  ({ outsideHoursConfig } = (await import(/* @vite-ignore */ SERVER_RULES)) as {
    outsideHoursConfig: typeof outsideHoursConfig;
  });
});

describe("the working-hours editor", () => {
  it("starts with a usual week: Monday–Friday 08:00–17:00, Saturday until 14:00, Sunday closed", () => {
    render(<Harness />);
    expect(config()).toEqual({
      schedule: {
        mon: [{ start: "08:00", end: "17:00" }],
        tue: [{ start: "08:00", end: "17:00" }],
        wed: [{ start: "08:00", end: "17:00" }],
        thu: [{ start: "08:00", end: "17:00" }],
        fri: [{ start: "08:00", end: "17:00" }],
        sat: [{ start: "08:00", end: "14:00" }],
      },
      holidays: [],
    });
    expect(outsideHoursConfig.safeParse(config()).success).toBe(true);
    expect(
      outsideHoursConfig.safeParse({ schedule: { mon: [{ start: "08:00", end: "08:00" }] }, holidays: [] })
        .success,
    ).toBe(false); // the check is live
    expect(screen.getByTestId("day-sun")).toHaveProperty("textContent", expect.stringContaining("Tutup"));
  });

  it("gives the server the shape rules.ts expects: open days with intervals, closed days left out, holidays as sorted dates", () => {
    render(<Harness />);
    // Sunday opens 10:00–14:00; Saturday closes.
    fireEvent.click(screen.getByLabelText("Buka pada hari Minggu"));
    type("day-sun-start-0", "10:00");
    type("day-sun-end-0", "14:00");
    fireEvent.click(screen.getByLabelText("Buka pada hari Sabtu"));
    // Friday gets a second, overnight interval (an end before the start runs past midnight).
    fireEvent.click(screen.getByTestId("day-fri-add"));
    type("day-fri-start-1", "19:00");
    type("day-fri-end-1", "02:00");
    // Monday: a break at noon (two intervals), then the first one removed again.
    fireEvent.click(screen.getByTestId("day-mon-add"));
    type("day-mon-end-0", "12:00");
    // Two holidays, entered out of order; one entered twice.
    for (const d of ["2026-12-25", "2026-12-24", "2026-12-25"]) {
      type("holiday-input", d);
      fireEvent.click(screen.getByTestId("holiday-add"));
    }
    expect(config()).toEqual({
      schedule: {
        sun: [{ start: "10:00", end: "14:00" }],
        mon: [
          { start: "08:00", end: "12:00" },
          { start: "13:00", end: "17:00" },
        ],
        tue: [{ start: "08:00", end: "17:00" }],
        wed: [{ start: "08:00", end: "17:00" }],
        thu: [{ start: "08:00", end: "17:00" }],
        fri: [
          { start: "08:00", end: "17:00" },
          { start: "19:00", end: "02:00" },
        ],
      },
      holidays: ["2026-12-24", "2026-12-25"],
    });
    expect(outsideHoursConfig.safeParse(config()).success).toBe(true);
    fireEvent.click(screen.getByLabelText("Hapus libur 2026-12-24"));
    fireEvent.click(screen.getAllByLabelText("Hapus rentang jam")[0]!); // Monday's morning
    expect(config().holidays).toEqual(["2026-12-25"]);
    expect(config().schedule.mon).toEqual([{ start: "13:00", end: "17:00" }]);
  });

  it("keeps a closed day’s hours, so opening it again brings them back", () => {
    render(<Harness />);
    type("day-wed-end-0", "15:30");
    fireEvent.click(screen.getByLabelText("Buka pada hari Rabu"));
    expect(config().schedule.wed).toBeUndefined();
    fireEvent.click(screen.getByLabelText("Buka pada hari Rabu"));
    expect(config().schedule.wed).toEqual([{ start: "08:00", end: "15:30" }]);
  });

  it("shows the server’s problem under the day it names", () => {
    render(
      <Harness
        errors={{ "config.schedule.tue": "start and end differ", "config.holidays": "a real date" }}
      />,
    );
    expect(screen.getByTestId("day-tue").textContent).toContain("start and end differ");
    expect(screen.getByTestId("day-mon").textContent).not.toContain("start and end differ");
    expect(screen.getByText("a real date")).toBeTruthy();
  });

  it("reads a stored rule back into the same config", () => {
    const stored = {
      schedule: { sat: [{ start: "22:00", end: "06:00" }], mon: [{ start: "09:00", end: "24:00" }] },
      holidays: ["2026-08-17"],
    };
    const draft = draftOf({
      id: "r",
      name: "Tutup",
      type: "outside_hours",
      channelId: null,
      config: stored,
      reply: "x",
      priority: 50,
      enabled: true,
      cooldownSeconds: 60,
      delayMinSeconds: 1,
      delayMaxSeconds: 2,
      triggerCount: 0,
      lastTriggeredAt: null,
      createdAt: "",
      updatedAt: "",
    });
    expect(hoursConfigOf(draft.hours)).toEqual({
      schedule: { mon: [{ start: "09:00", end: "24:00" }], sat: [{ start: "22:00", end: "06:00" }] },
      holidays: ["2026-08-17"],
    });
  });
});
