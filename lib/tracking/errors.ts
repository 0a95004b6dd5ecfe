// The error types of seed 000 §"阶段五错误" and whether each is retried: the
// one place that decides retryability, read by the Inngest function.

export const TRACKING_ERROR_TYPES = [
  "already_processed",
  "empty_data",
  "parse_error",
  "dataframe_error",
  "tracker_failed",
  "tracker_error",
  "unknown_tracker",
  "processing_error",
  // Not in the seed's table; issue 7: a notification whose job id and custom id
  // point at different jobs, and a scraping job WebScraper reports as failed or stopped.
  "job_mismatch",
  "scraper_failed",
] as const;

export type TrackingErrorType = (typeof TRACKING_ERROR_TYPES)[number];

// Only "other exceptions (network errors ...)" retry, at most 3 times (seed max_retries=3).
const RETRYABLE: Record<TrackingErrorType, boolean> = {
  already_processed: false,
  empty_data: false,
  parse_error: false,
  dataframe_error: false,
  tracker_failed: false,
  tracker_error: false,
  unknown_tracker: false,
  processing_error: true,
  job_mismatch: false,
  scraper_failed: false,
};

export function isRetryable(type: TrackingErrorType): boolean {
  return RETRYABLE[type];
}

export class TrackingError extends Error {
  readonly retryable: boolean;

  constructor(
    readonly type: TrackingErrorType,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "TrackingError";
    this.retryable = isRetryable(type);
  }
}

/** Anything that is not already a TrackingError is a `processing_error` (seed: network errors and the like). */
export function toTrackingError(error: unknown): TrackingError {
  if (error instanceof TrackingError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new TrackingError("processing_error", message, { cause: error });
}
