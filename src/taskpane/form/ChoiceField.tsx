import { Field, Select } from "@fluentui/react-components";
import type { FieldMessage } from "./useEntryForm";

export interface ChoiceFieldProps {
  readonly label: string;
  readonly hint?: string;
  /** What the form's check says of the field, if anything. */
  readonly message?: FieldMessage | null;
  readonly value: string;
  /** The names to choose from, each shown and chosen as written. */
  readonly choices: readonly string[];
  readonly onChange: (value: string) => void;
}

/** A field choosing one name from a list: a product, a location, a kind of draw. */
export function ChoiceField({ label, hint, message, value, choices, onChange }: ChoiceFieldProps) {
  return (
    <Field label={label} hint={hint} validationMessage={message?.text} validationState={message?.state ?? "none"}>
      <Select value={value} onChange={(_, d) => onChange(d.value)}>
        {choices.map((name) => (
          <option key={name}>{name}</option>
        ))}
      </Select>
    </Field>
  );
}
