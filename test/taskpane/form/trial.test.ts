import { replayCount } from "../../../src/core";
import { books, trial, type Books } from "../../../src/taskpane/form/books";
import { DRAWS, LOTS } from "../../functions/_ledger";

// The form's check of an entry: the ledger brought up to date with it, never built again whole.
const current: Books = books(
  { Lots: { name: "Lots", address: "Lots", values: LOTS }, Draws: { name: "Draws", address: "Draws", values: DRAWS } },
  1900,
);

describe("a form's trial of its entries", () => {
  it("posts again only the product the entry draws from", () => {
    const [botox, juvederm] = [replayCount("botox 100u"), replayCount("juvederm ultra xc 1ml")];
    const t = trial(current, "Draws", [{ Date: 46300, Visit: "V9", Patient: "P-9", Product: "Juvederm Ultra XC 1mL", Lot: "V100", Qty: 1, Kind: "Visit" }]);
    expect(t.issues).toEqual([]);
    expect(replayCount("juvederm ultra xc 1ml")).toBeGreaterThan(juvederm);
    expect(replayCount("botox 100u")).toBe(botox);
    // The trial's books hold the entry; the current books do not.
    expect(t.books.ledger.draws.rows.length).toBe(current.ledger.draws.rows.length + 1);
  });

  it("says what CHECK would say of the entry's own row, and only of it", () => {
    const row = DRAWS.length + 1; // header = 1, so the next row's number
    const t = trial(current, "Draws", [{ Date: 46300, Visit: "V9", Patient: "P-9", Product: "Botox 100U", Lot: "NOPE", Qty: 5, Kind: "Visit" }]);
    expect(t.issues.map((d) => [d.row, d.column, d.severity, d.field])).toEqual([[row, "Lot", "error", "Lot"]]);
    expect(t.issues[0].message).toContain("NOPE is not in the Lots table");
  });
});
