/**
 * The GS1 Application Identifiers (AIs) that packs of injectables carry, with the length and
 * content rules of the GS1 Barcode Syntax Dictionary (the machine-readable form of section 3 of
 * the GS1 General Specifications). An AI outside this table is refused rather than guessed at.
 */

export type AiCheck = "gs1CheckDigit" | "date" | "dateTime";

export interface AiSpec {
  readonly ai: string;
  /** What the part is, in words a front-desk person knows. */
  readonly title: string;
  /** `fixed`: exactly `length` characters; `variable`: 1 to `length` characters. */
  readonly kind: "fixed" | "variable";
  readonly length: number;
  readonly numeric: boolean;
  readonly check?: AiCheck;
  /**
   * When a scanner drops the separator after a variable-length part, may this AI be where that
   * part really ended? Only AIs that carry their own proof (a check digit or a calendar date)
   * and the lot and serial number, which healthcare packs put side by side.
   */
  readonly afterDroppedSeparator: boolean;
}

function fixed(ai: string, title: string, length: number, check?: AiCheck, afterDroppedSeparator = check !== undefined): AiSpec {
  return { ai, title, kind: "fixed", length, numeric: true, check, afterDroppedSeparator };
}

function variable(ai: string, title: string, length: number, numeric = false, afterDroppedSeparator = false): AiSpec {
  return { ai, title, kind: "variable", length, numeric, afterDroppedSeparator };
}

const SPECS: AiSpec[] = [
  fixed("00", "shipping container code", 18, "gs1CheckDigit"),
  fixed("01", "product code", 14, "gs1CheckDigit"),
  fixed("02", "product code of the contents", 14, "gs1CheckDigit"),
  variable("10", "lot number", 20, false, true),
  fixed("11", "production date", 6, "date"),
  fixed("13", "packaging date", 6, "date"),
  fixed("15", "best-before date", 6, "date"),
  fixed("16", "sell-by date", 6, "date"),
  fixed("17", "expiry date", 6, "date"),
  fixed("20", "variant number", 2),
  variable("21", "serial number", 20, false, true),
  variable("22", "product variant", 20),
  variable("30", "count", 8, true),
  variable("37", "count of items", 8, true),
  variable("240", "additional product number", 30),
  variable("241", "customer part number", 30),
  variable("250", "secondary serial number", 30),
  variable("251", "source reference", 30),
  fixed("7003", "expiry date and time", 10, "dateTime"),
  variable("7004", "active potency", 4, true),
  variable("710", "national healthcare number (Germany, PZN)", 20),
  variable("711", "national healthcare number (France, CIP)", 20),
  variable("712", "national healthcare number (Spain)", 20),
  variable("713", "national healthcare number (Brazil)", 20),
  variable("714", "national healthcare number (Portugal)", 20),
  variable("715", "national healthcare number (US, NDC)", 20),
  variable("90", "internal code", 30),
  ...["91", "92", "93", "94", "95", "96", "97", "98", "99"].map((ai) => variable(ai, "internal code", 90)),
  // Measures (net weight, volume, …): four digits, the last one the decimal places (0–5).
  ...["310", "311", "312", "313", "314", "315", "316", "320", "321", "322", "323", "324", "325", "326", "327", "328", "329",
    "330", "331", "332", "333", "334", "335", "336", "337", "340", "341", "342", "343", "344", "345", "346", "347", "348",
    "349", "350", "351", "352", "353", "354", "355", "356", "357", "360", "361", "362", "363", "364", "365", "366", "367",
    "368", "369"].flatMap((p) => ["0", "1", "2", "3", "4", "5"].map((d) => fixed(p + d, "measure", 6))),
];

const BY_AI = new Map(SPECS.map((s) => [s.ai, s]));

/**
 * The AI that `text` starts with at `at`, if it is one Lotbook knows. GS1 AIs are prefix-free,
 * so at most one of the 2-, 3- and 4-digit readings is an AI.
 * @example aiAt("0100312345678906", 0)?.ai // "01"
 */
export function aiAt(text: string, at: number): AiSpec | undefined {
  for (let n = 2; n <= 4; n++) {
    const spec = BY_AI.get(text.slice(at, at + n));
    if (spec) return spec;
  }
  return undefined;
}

/** The spec of an AI given on its own (from the `(17)` form or a Digital Link). */
export function aiSpec(ai: string): AiSpec | undefined {
  return BY_AI.get(ai);
}
