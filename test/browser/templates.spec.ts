import { apiCall, expect, screenshot, signIn, test } from "./fixtures.js";

interface Template {
  id: string;
  name: string;
  body: string;
  variables: string[];
  media: { type: string; url: string } | null;
}

/** One transparent pixel. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

test("a template with variables, previewed on a phone for a chosen contact, with an image; then deleted after a confirmation", async ({
  page,
}) => {
  await signIn(page);
  await expect(page.getByTestId("shop-name")).toHaveText("Toko Contoh");
  await apiCall(page, "POST", "/contacts", {
    phone: "0812-7777-1234",
    name: "Sari Wulandari",
    attributes: { kota: "Yogyakarta" },
  });

  await page.getByRole("navigation").getByRole("link", { name: "Template pesan" }).click();
  // The templates page, not the dashboard's empty lists still leaving the screen.
  await expect(page).toHaveURL(/\/templates$/);
  await expect(page.getByTestId("new-template")).toBeVisible();
  await page.getByTestId("new-template").click();

  // Saved without a name: the field says so; a broken variable: the server's error shows on the message.
  await page.getByTestId("template-save").click();
  await expect(page.getByTestId("template-name")).toHaveAttribute("aria-invalid", "true");
  await page.getByTestId("template-name").fill("Sapaan Kota");
  await expect(page.getByTestId("template-name")).not.toHaveAttribute("aria-invalid", "true");
  const body = page.getByTestId("template-body");
  await body.fill("Halo {{name");
  await page.getByTestId("template-save").click();
  await expect(body).toHaveAttribute("aria-invalid", "true");
  // Said in the interface's language, with where it is.
  await expect(page.getByText('"{{" tidak ditutup dengan "}}" (di karakter ke-6)')).toBeVisible();

  // Variables go in where the cursor is, from the picker.
  await body.fill("{Halo|Hai} ");
  await page.getByTestId("insert-name").click();
  await body.press("End");
  await body.pressSequentially(" dari ");
  await page.getByTestId("insert-kota").click();
  await body.press("End");
  await body.pressSequentially("!");
  await expect(body).toHaveValue("{Halo|Hai} {{name}} dari {{kota}}!");

  // For the sample customer the server cannot fill {{kota}}: the preview says so.
  const bubble = page.getByTestId("phone-preview");
  await expect(bubble).toContainText(/^(Halo|Hai) Budi Santoso dari !/);
  await expect(page.getByTestId("preview-missing")).toContainText("kota");

  // For a chosen contact: their name and city, no missing variable.
  await page.getByTestId("preview-contact").click();
  await page.getByTestId("preview-contact").fill("Sari");
  await page.getByRole("option", { name: "Sari Wulandari (+62 812-7777-1234)" }).click();
  await expect(page.getByTestId("phone-contact")).toHaveText("Sari Wulandari");
  await expect(bubble).toContainText(/^(Halo|Hai) Sari Wulandari dari Yogyakarta!/);
  await expect(page.getByTestId("preview-missing")).toHaveCount(0);

  // An image, uploaded at once and shown above the caption (loaded back from the server).
  await page
    .locator("input[type=file]")
    .setInputFiles({ name: "promo.png", mimeType: "image/png", buffer: PNG });
  await expect(page.getByTestId("media-chip")).toHaveText("Gambar · promo.png");
  await expect
    .poll(() =>
      page
        .getByTestId("preview-image")
        .evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
    )
    .toBe(1);
  await screenshot(page, "15-template-editor");

  await page.getByTestId("template-save").click();
  await expect(page).toHaveURL(/\/templates\/[0-9a-f-]{36}$/);
  const id = new URL(page.url()).pathname.split("/").pop()!;
  const saved = await apiCall<Template>(page, "GET", `/templates/${id}`);
  expect(saved).toMatchObject({
    name: "Sapaan Kota",
    body: "{Halo|Hai} {{name}} dari {{kota}}!",
    variables: ["name", "kota"],
    media: { type: "image", filename: "promo.png" },
  });
  // Opened again, the saved attachment still shows the name it was chosen by.
  await page.reload();
  await expect(page.getByTestId("media-chip")).toHaveText("Gambar · promo.png");

  // The list shows it; deleting asks first.
  await page.getByRole("navigation").getByRole("link", { name: "Template pesan" }).click();
  const row = page.getByTestId("templates-table").getByRole("row").filter({ hasText: "Sapaan Kota" });
  await expect(row).toContainText("kota");
  await screenshot(page, "16-templates");
  await row.getByTestId("template-delete").click();
  await page.getByRole("dialog").getByRole("button", { name: "Hapus" }).click();
  await expect(
    page.getByTestId("templates-table").getByRole("row").filter({ hasText: "Sapaan Kota" }),
  ).toHaveCount(0);
  expect((await apiCall<Template[]>(page, "GET", "/templates")).map((t) => t.id)).not.toContain(id);

  // The editor at 768 px: the phone preview goes under the form.
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.goto("/templates/new");
  await page.getByTestId("template-body").fill("{Halo|Hai} {{name|kak}}, pesanan Anda sudah dikirim 🚚");
  await expect(page.getByTestId("phone-preview")).toContainText(
    "Budi Santoso, pesanan Anda sudah dikirim 🚚",
  );
  await screenshot(page, "15-template-editor-768");
});
