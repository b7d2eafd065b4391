import { Badge, createTheme } from "@mantine/core";

/** Kabar's look: light, clean, WhatsApp-adjacent teal. */
export const theme = createTheme({
  primaryColor: "teal",
  defaultRadius: "md",
  fontFamily: 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  headings: { fontWeight: "650" },
  components: {
    // A badge is a word or two (a status, a label): a narrow table column or row must not
    // cut it to "G…" or "SE…" (seen at 768 px), so it never shrinks below its text.
    Badge: Badge.extend({ styles: { root: { minWidth: "max-content" } } }),
  },
});
