import { MantineProvider } from "@mantine/core";
import { act, render, screen } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { beforeAll, describe, expect, it } from "vitest";
import { ApiError } from "../../api/client";
import i18n from "../../i18n";
import { LimitReachedLink } from "./LimitReached";

const show = (error: unknown) =>
  render(
    <MantineProvider env="test">
      <MemoryRouter>
        <LimitReachedLink error={error} />
      </MemoryRouter>
    </MantineProvider>,
  );

beforeAll(async () => {
  await act(() => i18n.changeLanguage("en"));
});

describe("the link to the packages after a package limit", () => {
  it("follows a 402 package_limit_reached to /billing", () => {
    show(
      new ApiError(
        402,
        "package_limit_reached",
        "Your package allows 1 number",
        {},
        { limit: "numbers", allowed: 1 },
      ),
    );
    expect(screen.getByRole("link", { name: "See packages" }).getAttribute("href")).toBe("/billing");
  });

  it("is absent for any other error", () => {
    show(new ApiError(409, "email_taken", "taken"));
    expect(screen.queryByTestId("limit-reached-link")).toBeNull();
  });
});
