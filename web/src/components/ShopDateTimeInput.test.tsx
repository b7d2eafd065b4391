import { MantineProvider } from "@mantine/core";
import { act, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { beforeAll, describe, expect, it, vi } from "vitest";
import i18n from "../i18n";
import { pickDateTime } from "./pickDateTime.test-helper";
import { ShopDateTimeInput } from "./ShopDateTimeInput";

beforeAll(async () => {
  await act(() => i18n.changeLanguage("id"));
});

function Field({ initial, onChange }: { initial: string; onChange: (v: string) => void }) {
  const [value, setValue] = useState(initial);
  return (
    <ShopDateTimeInput
      label="Waktu"
      value={value}
      onChange={(v) => {
        setValue(v);
        onChange(v);
      }}
      data-testid="at"
    />
  );
}

const show = (initial: string, onChange = vi.fn()) => {
  render(
    <MantineProvider env="test">
      <Field initial={initial} onChange={onChange} />
    </MantineProvider>,
  );
  return onChange;
};

describe("a date and time of the shop's day", () => {
  it("reads day first and 24-hour in Bahasa Indonesia, with an Indonesian calendar", () => {
    show("2026-12-24T19:30");
    expect(screen.getByTestId("at").textContent).toBe("24/12/2026 19:30");
    fireEvent.click(screen.getByTestId("at"));
    expect(screen.getByText("Desember 2026")).toBeTruthy();
    expect(screen.getByRole("spinbutton", { name: "Jam" })).toHaveProperty("value", "19");
  });

  it("gives the chosen day and time as the shop's wall clock, YYYY-MM-DDTHH:mm", () => {
    const onChange = show("2026-12-24T19:30");
    pickDateTime(screen.getByTestId("at"), "21 November 2026", "08", "05");
    expect(onChange).toHaveBeenLastCalledWith("2026-11-21T08:05");
    expect(screen.getByTestId("at").textContent).toBe("21/11/2026 08:05");
  });
});
