import { expect, signIn, test } from "./fixtures.js";

test("signing out in another tab sends this tab to sign-in at once, with no click or reload here", async ({
  page,
  context,
}) => {
  await signIn(page);
  await expect(page.getByTestId("shop-name")).toHaveText("Toko Contoh");
  await expect(page.getByTestId("live")).toHaveAttribute("data-connected", "true");

  // The same browser, another tab: its sign-out ends the session both tabs share.
  const other = await context.newPage();
  await other.goto("/");
  await other.getByTestId("user-menu").click();
  await other.getByRole("menuitem", { name: "Keluar", exact: true }).click();
  await expect(other).toHaveURL(/\/sign-in/);

  // The first tab is told by the server (its socket closes), not by a request of its own.
  await expect(page.getByTestId("session-expired")).toHaveText(
    "Sesi Anda telah berakhir. Silakan masuk lagi.",
  );
  await expect(page).toHaveURL(/\/sign-in\?expired=1&next=/);
});
