// Exact Temu gateway codes → what the client does (PEERS.md: the peer retried by
// substring and so retried 5000000 and not 4000004; we map whole codes).
export type TemuErrorKind =
  | "rate_limited" // 4000004: wait and retry
  | "system" // 4000000, HTTP 5xx/429: wait and retry
  | "network" // no answer: wait and retry
  | "clock_skew" // 3000011/3000012: fresh timestamp, retry once
  | "auth" // token missing/unknown/expired/not mapped, no permission, IP not whitelisted: stop, re-authorise the shop
  | "bad_sign" // 3000001: wrong app_secret: stop
  | "bad_request" // other 3xxxxxx: our bug, stop
  | "business"; // anything else the API answers

export const TEMU_AUTH_CODES = new Set([
  3000019, 3000020, 3000021, 3000022, 3000025, 3000026, 3000027, 3000028, 3000030, 3000031, 3000032, 3000033, 3000034, 5000000, 5000003,
]);

export function kindOfTemuCode(code: number): TemuErrorKind {
  if (code === 4000004) return "rate_limited";
  if (code === 4000000) return "system";
  if (code === 3000011 || code === 3000012) return "clock_skew";
  if (code === 3000001 || code === 3000040) return "bad_sign";
  if (TEMU_AUTH_CODES.has(code)) return "auth";
  if (code >= 3000000 && code < 4000000) return "bad_request";
  return "business";
}

export function isRetryableKind(kind: TemuErrorKind): boolean {
  return kind === "rate_limited" || kind === "system" || kind === "network";
}

export class TemuApiError extends Error {
  constructor(
    readonly kind: TemuErrorKind,
    message: string,
    readonly errorCode: number | null = null,
    readonly type: string | null = null,
  ) {
    super(message);
    this.name = "TemuApiError";
  }
  get retryable(): boolean {
    return isRetryableKind(this.kind);
  }
  /** The operator's next step, shown on the page and in alerts. */
  get hint(): string | null {
    if (this.kind === "auth") return "re-authorise the shop in Temu Seller Center and paste the new access token";
    if (this.kind === "bad_sign") return "check the shop's app_secret";
    if (this.kind === "clock_skew") return "check this server's clock";
    return null;
  }
}

export const isTemuApiError = (error: unknown): error is TemuApiError => error instanceof TemuApiError;
