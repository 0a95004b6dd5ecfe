import { signRequestBody } from "./request-signing";
import type { RunRow } from "./run-store";
import type { StepResult } from "./types";

// One HTTP call into the app's serve endpoint, in the shape the SDK's
// InngestCommHandler expects (POST ?fnId=&stepId=, body {event, events, steps,
// ctx, version}), and its answer sorted into the few outcomes the executor acts on.

export interface OutgoingOp {
  id: string;
  op: string;
  name?: string;
  displayName?: string;
  opts?: Record<string, unknown>;
  data?: unknown;
  error?: unknown;
  userland?: { id?: string };
  timing?: unknown;
}

export type CallOutcome =
  | { kind: "completed"; data: unknown }
  | { kind: "ops"; ops: OutgoingOp[]; retriable: boolean | string }
  | { kind: "error"; error: unknown; retriable: boolean | string };

const EXECUTION_VERSION = 2;

export function buildCallBody(run: RunRow, attempt: number) {
  const steps: Record<string, StepResult> = run.step_state ?? {};
  const stack = Array.isArray(run.stack) ? run.stack : [];
  return {
    event: run.event,
    events: [run.event],
    steps,
    ctx: {
      run_id: run.id,
      attempt,
      max_attempts: run.max_attempts,
      // No fn_id on purpose: it would switch the SDK to checkpointing, which
      // needs Inngest's checkpoint API; plain request/response is what we serve.
      // SDK spec §5.5: once a call reported parallel steps, the SDK must plan every
      // step (StepPlanned) instead of running one immediately.
      disable_immediate_execution: Boolean(run.force_step_plan),
      use_api: false,
      stack: { stack, current: Math.max(0, stack.length - 1) },
    },
    version: EXECUTION_VERSION,
  };
}

/**
 * httpdriver/util.go ShouldRetry: an `x-inngest-no-retry` header is always
 * obeyed; without it every status is retried, a 4xx included (current SDKs).
 * A Retry-After value (a string here) says when.
 */
function retriabilityFrom(headers: Headers): boolean | string {
  if (headers.get("x-inngest-no-retry") === "true") return false;
  const retryAfter = headers.get("retry-after");
  if (retryAfter) return retryAfter;
  return true;
}

export async function callFunction(options: {
  url: string;
  functionId: string;
  stepId: string | null;
  body: ReturnType<typeof buildCallBody>;
  signingKey?: string;
  signal: AbortSignal;
}): Promise<CallOutcome> {
  const url = new URL(options.url);
  url.searchParams.set("fnId", options.functionId);
  url.searchParams.set("stepId", options.stepId ?? "step");
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-inngest-server-kind": "dev",
    "x-inngest-req-version": String(EXECUTION_VERSION),
  };
  if (options.signingKey) headers["x-inngest-signature"] = signRequestBody(options.body, options.signingKey);

  let response: Response;
  try {
    response = await fetch(url, { method: "POST", headers, body: JSON.stringify(options.body), signal: options.signal });
  } catch (error) {
    if (options.signal.aborted) throw error; // the executor is stopping; not the function's fault
    return {
      kind: "error",
      error: { name: "FetchError", message: `could not reach the app: ${(error as Error).message}` },
      retriable: true,
    };
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text === "" ? null : JSON.parse(text);
  } catch {
    body = text;
  }
  if (response.status === 200) return { kind: "completed", data: body };
  if (response.status === 206 && Array.isArray(body)) {
    return { kind: "ops", ops: body as OutgoingOp[], retriable: retriabilityFrom(response.headers) };
  }
  const error =
    body && typeof body === "object"
      ? body
      : { name: "Error", message: `the app answered HTTP ${response.status}: ${String(text).slice(0, 500)}` };
  return { kind: "error", error, retriable: retriabilityFrom(response.headers) };
}
