// jsdom lacks a few browser APIs Mantine uses.
import { afterEach } from "vitest";
import { cleanup, configure } from "@testing-library/react";

afterEach(() => cleanup());

// findBy… and waitFor wait for the state they name; testing-library gives up after 1 s by
// default, which a loaded CI machine (two cores, the integration suite beside) can exceed
// for a render that fetches: a failure that says nothing about the app. Ten seconds bounds
// a real failure, within the test's own timeout.
configure({ asyncUtilTimeout: 10_000 });

if (!window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }) as MediaQueryList;
}
if (!("ResizeObserver" in window)) {
  (window as unknown as { ResizeObserver: unknown }).ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}
// Mantine's Combobox scrolls the selected option into view after opening (a timer).
Element.prototype.scrollIntoView ??= () => {};
