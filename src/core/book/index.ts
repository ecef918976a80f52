/**
 * Booking: each product's receipts, draws and counts posted in time order against its lots' cost
 * layers (the third stage, after parsing and resolving). `replayProduct` gives the books at an
 * instant; the rest reads them.
 */
export type { Allocation, CountBooking, DrawBooking, Layer, LotState, ProductState, Vial } from "./state";
export { layerCost, layerPurchase, layerValue, receiptCost } from "./layers";
export { hasUsableOpenVial, usableRemaining } from "./vials";
export { KIND_CODE, reviseTimeline, type Redrawn } from "./timeline";
export { carryReplays, replayCount, replayProduct, seedReplay, touchedBooks } from "./post";
export { bookings, sharedStart } from "./bookings";
export { onBooks } from "./memo";
export { fefoOrder, planFefo, type PlanLine } from "./plan";
