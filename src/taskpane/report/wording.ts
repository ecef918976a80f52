/** The engine's wording of counts and quantities, for the pane and the report (see `core/wording.ts`). */
export { plural, pluralUnit, unitsText } from "../../core";
