// Typed errors the route wrappers turn into HTTP answers; the seeds answer
// errors as {"detail": "..."}, so every error body carries `detail`, plus a
// stable `code` a client can switch on. The detail is in the caller's
// language when the catalog has a message for the code (messages/*/errors.json)
// and the wrapper knows the language; webhooks answer in the seed's words.
import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { DomainError, type DomainErrorKind } from "../errors/domain-error";
import { ChannelSettingsError } from "../notifications/channel-settings";
import { RunsApiError } from "../runs/runs-api-client";
import type { Locale } from "../i18n/locales";
import { translateOrNull } from "../i18n/translate";

export type ErrorParams = Record<string, string | number>;

export interface ApiErrorOptions {
  /** A stable machine-readable code; also the catalog key `errors.<code>`. */
  code?: string;
  /** ICU arguments of the catalog message. */
  params?: ErrorParams;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code = "error",
    readonly extra: Record<string, unknown> = {},
    readonly params: ErrorParams = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export const badRequest = (message: string, extra?: Record<string, unknown>, options: ApiErrorOptions = {}) =>
  new ApiError(400, message, options.code ?? "bad_request", extra, options.params);
export const notFound = (message: string, options: ApiErrorOptions = {}) =>
  new ApiError(404, message, options.code ?? "not_found", {}, options.params);
export const forbidden = (message: string, options: ApiErrorOptions = {}) =>
  new ApiError(403, message, options.code ?? "forbidden", {}, options.params);
export const unauthorized = (message = "Sign in required", options: ApiErrorOptions = {}) =>
  new ApiError(401, message, options.code ?? "unauthorized", {}, options.params);

/** The one place a domain error's kind becomes an HTTP status. */
const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  invalid_input: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unavailable: 503,
  failed: 500,
};

/** The HTTP status a thrown ApiError or DomainError is answered with; 500 for anything else. */
export function httpStatusOf(error: unknown): number {
  if (error instanceof ApiError) return error.status;
  if (error instanceof DomainError) return STATUS_BY_KIND[error.kind];
  return 500;
}

/** The catalog's message for `code` in `locale`, else `fallback` (the English text the code was thrown with). */
export function localizedDetail(locale: Locale | undefined, code: string, fallback: string, params: ErrorParams = {}): string {
  if (!locale) return fallback;
  return translateOrNull(locale, `errors.${code}`, params) ?? fallback;
}

/** Maps any thrown value to the JSON answer; without `locale` details stay as thrown (webhooks, seed wording). */
export function errorResponse(error: unknown, locale?: Locale): NextResponse {
  if (error instanceof ApiError) {
    const detail = localizedDetail(locale, error.code, error.message, error.params);
    return NextResponse.json({ detail, code: error.code, ...error.extra }, { status: error.status });
  }
  if (error instanceof DomainError) {
    const detail = localizedDetail(locale, error.code, error.message, error.params);
    return NextResponse.json({ detail, code: error.code, ...error.extra }, { status: STATUS_BY_KIND[error.kind] });
  }
  if (error instanceof RunsApiError) {
    // The engine (local executor or Inngest) answered badly or not at all.
    return NextResponse.json({ detail: error.message, code: "engine_error" }, { status: error.status });
  }
  if (error instanceof ChannelSettingsError) {
    const code = `notification_${error.kind}`;
    return NextResponse.json(
      { detail: localizedDetail(locale, code, error.message), code },
      { status: error.kind === "channel_missing" ? 404 : 400 },
    );
  }
  if (error instanceof ZodError) {
    const issues = error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    const summary = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ");
    const detail = localizedDetail(locale, "invalid_input", `Invalid input: ${summary}`, { summary });
    return NextResponse.json({ detail, code: "invalid_input", issues }, { status: 400 });
  }
  console.error("[api] unexpected error", error);
  return NextResponse.json(
    { detail: localizedDetail(locale, "internal_error", "Internal server error"), code: "internal_error" },
    { status: 500 },
  );
}
