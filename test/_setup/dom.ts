// jsdom has no layout, so no ResizeObserver; Fluent's MessageBar observes its own width to reflow.
// A ResizeObserver that never reports is what a layout-free page would see.
if (typeof window !== "undefined" && !("ResizeObserver" in window)) {
  class NoLayoutResizeObserver {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  }
  Object.assign(window, { ResizeObserver: NoLayoutResizeObserver });
}
