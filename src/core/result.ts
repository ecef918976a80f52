/**
 * Why a result could not be given: `value` for bad input (Excel shows `#VALUE!`), `na` for
 * "not found" or "no stock" (Excel shows `#N/A`). The message is a sentence for the user.
 */
export interface Failure {
  readonly kind: "value" | "na";
  readonly message: string;
  /** In a list of results, the product the failed entry stands for. */
  readonly product?: string;
}

/** One result type for fallible work, as in zod: check `ok` before reading `value`. */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: Failure };

/** @example ok(260) // { ok: true, value: 260 } */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** @example fail("na", "no usable stock of Botox 100U") */
export function fail<T = never>(kind: Failure["kind"], message: string): Result<T> {
  return { ok: false, error: { kind, message } };
}
