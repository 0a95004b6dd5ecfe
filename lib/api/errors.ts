// Typed errors the route wrappers turn into HTTP answers; the seeds answer
// errors as {"detail": "..."}, so every error body carries `detail`.
import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { RunsApiError } from "../runs/runs-api-client";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code = "error",
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export const badRequest = (message: string, extra?: Record<string, unknown>) => new ApiError(400, message, "bad_request", extra);
export const notFound = (message: string) => new ApiError(404, message, "not_found");
export const forbidden = (message: string) => new ApiError(403, message, "forbidden");
export const unauthorized = (message = "Sign in required") => new ApiError(401, message, "unauthorized");

export function errorResponse(error: unknown): NextResponse {
  if (error instanceof ApiError) {
    return NextResponse.json({ detail: error.message, code: error.code, ...error.extra }, { status: error.status });
  }
  if (error instanceof RunsApiError) {
    // The engine (local executor or Inngest) answered badly or not at all.
    return NextResponse.json({ detail: error.message, code: "engine_error" }, { status: error.status });
  }
  if (error instanceof ZodError) {
    const issues = error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    const summary = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ");
    return NextResponse.json({ detail: `Invalid input: ${summary}`, code: "invalid_input", issues }, { status: 400 });
  }
  console.error("[api] unexpected error", error);
  return NextResponse.json({ detail: "Internal server error", code: "internal_error" }, { status: 500 });
}
