/**
 * @jest-environment jsdom
 */
import { render, screen } from "@testing-library/react";
import { ErrorBoundary } from "../../../src/taskpane/app/ErrorBoundary";

function Broken(): never {
  throw new Error("cannot read the lot");
}

describe("the pane's error boundary", () => {
  it("says in the pane that a part failed to show, instead of a blank pane", () => {
    // React reports the caught error on the console in development; the pane shows it instead.
    const quiet = jest.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      render(
        <ErrorBoundary>
          <Broken />
        </ErrorBoundary>,
      );
    } finally {
      quiet.mockRestore();
    }
    expect(screen.getByRole("alert").textContent).toBe(
      "Lotbook could not show this part of the pane (cannot read the lot). Nothing was written. Close and reopen the pane to start again.",
    );
  });
});
