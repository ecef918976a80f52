import { Field, makeStyles, Select } from "@fluentui/react-components";
import { useState } from "react";
import { locationKey } from "../../core";
import { locationsOf, type Books } from "../form/books";

const useStyles = makeStyles({
  field: { maxWidth: "100%" },
});

/** Where the pane works: the workbook's locations, and the one chosen (`""` where it keeps none). */
export interface Workplace {
  readonly locations: readonly string[];
  readonly here: string;
  readonly choose: (name: string) => void;
}

/**
 * The location the pane works at, for the session: the one chosen while the workbook still names
 * it, else the first it names. Kept in the pane's state only, never in the workbook or the browser.
 * @example const place = useWorkplace(books); place.here // "Main Street"
 */
export function useWorkplace(books: Books | null): Workplace {
  const [choice, setChoice] = useState<string | null>(null);
  const locations = books ? locationsOf(books) : [];
  const chosen = choice === null ? undefined : locations.find((l) => locationKey(l) === locationKey(choice));
  return { locations, here: chosen ?? locations[0] ?? "", choose: setChoice };
}

/**
 * The location picker: shown only when the workbook names a location in a Location column. It
 * scopes Draw's proposal, Count's lots, Transfer's source and the Overview, and is what Receive writes.
 */
export function LocationPicker({ place }: { place: Workplace }) {
  const styles = useStyles();
  if (place.locations.length === 0) return null;
  return (
    <Field label="Working at" orientation="horizontal" className={styles.field}>
      <Select value={place.here} onChange={(_, d) => place.choose(d.value)}>
        {place.locations.map((l) => (
          <option key={l}>{l}</option>
        ))}
      </Select>
    </Field>
  );
}
