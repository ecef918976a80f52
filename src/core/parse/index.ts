export type { DrawsTable, ParsedTable, ParseOptions, PlacedDraws, VisitIndex } from "./types";
export { rowIsBlank } from "./frame";
export { parseLots } from "./lots";
export { drawsTable, parseDraws, rowList } from "./draws";
export { parseCounts } from "./counts";
export { DEFAULT_ALERT_DAYS, parseProducts } from "./products";
