import { fireEvent, screen } from "@testing-library/react";

/**
 * Picks a date and time in a ShopDateTimeInput as a person does (for component tests): opens
 * it, goes to the day's month, clicks the day (its Indonesian label, "21 November 2026"),
 * types the hours and minutes and confirms.
 */
export function pickDateTime(trigger: HTMLElement, day: string, hours: string, minutes: string): void {
  fireEvent.click(trigger);
  const [, month, year] = day.split(" ");
  const monthIndex = (label: string) => {
    const [m, y] = label.split(" ");
    return Number(y) * 12 + MONTHS.indexOf(m ?? "");
  };
  const target = monthIndex(`${month} ${year}`);
  for (let i = 0; i < 24; i++) {
    const header = document.querySelector(".mantine-DateTimePicker-calendarHeaderLevel")?.textContent ?? "";
    const at = monthIndex(header);
    if (at === target) break;
    const direction = at > target ? "previous" : "next";
    fireEvent.click(document.querySelector(`button[data-direction="${direction}"]`) as HTMLElement);
  }
  fireEvent.click(screen.getByRole("button", { name: day }));
  fireEvent.change(screen.getByRole("spinbutton", { name: "Jam" }), { target: { value: hours } });
  fireEvent.change(screen.getByRole("spinbutton", { name: "Menit" }), { target: { value: minutes } });
  fireEvent.click(screen.getByRole("button", { name: "Pakai tanggal dan jam ini" }));
}

const MONTHS = [
  "Januari",
  "Februari",
  "Maret",
  "April",
  "Mei",
  "Juni",
  "Juli",
  "Agustus",
  "September",
  "Oktober",
  "November",
  "Desember",
];
