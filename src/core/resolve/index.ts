/** Resolve: the stage between parse and book (see docs/architecture.md). */
export { findBrokenLots, indexLots, indexSettings, lotsReadable, type Lot, type Product } from "./lots";
export {
  checkCounts, checkDraws, countOwner, drawChecker, drawOwner, drawRef, noDrawRefs, NO_REF, refOf,
  type DrawRef, type DrawRefColumns, type Refs, type Resolved,
} from "./refs";
