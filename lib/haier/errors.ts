// Seed 003's failure classes. network / server / rate_limit are retried with
// backoff; auth re-authenticates once; data skips one item; other is logged.
export type HaierErrorKind = "network" | "server" | "rate_limit" | "auth" | "data" | "other";

export const RETRYABLE_KINDS: ReadonlySet<HaierErrorKind> = new Set(["network", "server", "rate_limit"]);

export class HaierApiError extends Error {
  constructor(
    readonly kind: HaierErrorKind,
    message: string,
    readonly details: { status?: number; endpoint?: string; retryAfterMs?: number; attempts?: number } = {},
  ) {
    super(message);
    this.name = "HaierApiError";
  }

  get retryable(): boolean {
    return RETRYABLE_KINDS.has(this.kind);
  }
}

/** A bad record in an otherwise good answer: that item is skipped and counted failed. */
export class HaierDataError extends Error {
  readonly kind = "data" as const;
  constructor(
    message: string,
    readonly productCode?: string,
  ) {
    super(message);
    this.name = "HaierDataError";
  }
}

/** The class of any error, for logs and the sync log message. */
export function errorKindOf(error: unknown): HaierErrorKind {
  if (error instanceof HaierApiError) return error.kind;
  if (error instanceof HaierDataError) return "data";
  return "other";
}
