import { createTheme } from "@mantine/core";

/** Kabar's look: light, clean, WhatsApp-adjacent teal. */
export const theme = createTheme({
  primaryColor: "teal",
  defaultRadius: "md",
  fontFamily: 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  headings: { fontWeight: "650" },
});
