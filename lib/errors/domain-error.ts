// Errors domain code throws when a request cannot be done, named by what went
// wrong rather than by an HTTP status: domain folders know nothing of HTTP.
// The route wrapper (lib/api/errors.ts) maps each kind to its answer in one place.

export type DomainErrorKind =
  /** The caller's input is wrong (a missing field, an unknown tracker, an empty file). */
  | "invalid_input"
  /** The caller is not allowed to do this (a wrong token). */
  | "forbidden"
  | "not_found"
  /** It clashes with what exists (a file imported before). */
  | "conflict"
  | "too_large"
  /** A dependency (database, engine) did not answer in time: worth retrying later. */
  | "unavailable"
  /** It failed on our side for another reason. */
  | "failed";

export type DomainErrorParams = Record<string, string | number>;

export interface DomainErrorOptions {
  /** A stable machine-readable code; also the catalog key `errors.<code>`. Defaults per kind. */
  code?: string;
  /** ICU arguments of the catalog message. */
  params?: DomainErrorParams;
  /** Extra fields for the answer body (e.g. a row report). */
  extra?: Record<string, unknown>;
}

const DEFAULT_CODE: Record<DomainErrorKind, string> = {
  invalid_input: "bad_request",
  forbidden: "forbidden",
  not_found: "not_found",
  conflict: "conflict",
  too_large: "payload_too_large",
  unavailable: "unavailable",
  failed: "error",
};

export class DomainError extends Error {
  readonly code: string;
  readonly params: DomainErrorParams;
  readonly extra: Record<string, unknown>;

  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    options: DomainErrorOptions = {},
  ) {
    super(message);
    this.name = "DomainError";
    this.code = options.code ?? DEFAULT_CODE[kind];
    this.params = options.params ?? {};
    this.extra = options.extra ?? {};
  }
}

export const invalidInput = (message: string, options?: DomainErrorOptions) => new DomainError("invalid_input", message, options);
