import { executorSettingsFromEnv } from "../engine/engine-settings";
import type { RunStatus } from "./run-statuses";

// One client of Inngest's REST API for the Runs page, used the same way on
// both engines: Inngest (Cloud or self-hosted `inngest start`) serves the API
// itself; the local executor serves the subset used here
// (lib/local-runtime/executor/rest-api.ts). Endpoints and shapes as the Inngest
// server defines them:
//   v2 GET  /runs, GET /runs/{id}, GET /runs/{id}/trace, POST /runs/{id}/rerun   (proto/api/v2/service.proto)
//   v1 GET  /v1/runs/{id}, DELETE /v1/runs/{id}, POST /v1/cancellations        (pkg/api/apiv1)
// v2 lives at /v2 on Inngest Cloud's API host and at /api/v2 on a self-hosted
// server (cmd/apiv2cli normalizeAPIURL). Authorization: Bearer <signing key>.

export { RUN_STATUSES, type RunStatus } from "./run-statuses";

export interface RunSummary {
  id: string;
  functionId: string;
  functionName: string;
  appId: string;
  trigger: string;
  status: string;
  /** null when the engine does not report attempts (Inngest's FunctionRun has none). */
  attempts: number | null;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  durationMs: number | null;
}

export interface RunStep {
  id: string;
  stepId: string;
  name: string | null;
  op: string;
  status: string;
  /** 0-based; null when the engine does not say. */
  attempt: number | null;
  input: unknown;
  output: unknown;
  error: unknown;
  startedAt: string;
  endedAt: string | null;
}

export interface RunDetail extends RunSummary {
  eventId: string | null;
  event: unknown;
  output: unknown;
  error: unknown;
  rerunOf: string | null;
  steps: RunStep[];
}

export class RunsApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "RunsApiError";
  }
}

export interface RunsApiOptions {
  /** Origin of the API: the executor, a self-hosted server, or https://api.inngest.com. */
  baseUrl: string;
  signingKey?: string;
  /** Inngest branch environment (X-Inngest-Env). */
  inngestEnv?: string;
  engine: "local" | "inngest";
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface ListRunsInput {
  status?: RunStatus;
  functionId?: string;
  limit?: number;
  cursor?: string;
}

const isCloudHost = (host: string) => host === "inngest.com" || host.endsWith(".inngest.com");

type Json = Record<string, any>;

function unwrapStruct(value: unknown): unknown {
  // pkg/api/v2 jsonToStruct wraps a non-object as { data }: undo it for display.
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === "data") return (value as Json).data;
  }
  return value;
}

const lower = (status: unknown) =>
  String(status ?? "")
    .toLowerCase()
    .replace(/^function_run_status_/, "");

function summaryFromV2(run: Json): RunSummary {
  const appId = run.app?.id ?? run.function?.app?.id ?? "";
  const functionId = run.function?.id ?? "";
  const cron = run.trigger?.cronSchedule;
  const startedAt = run.startedAt ?? null;
  const endedAt = run.endedAt ?? null;
  let durationMs: number | null = run.durationMs !== undefined ? Number(run.durationMs) : null;
  if (durationMs === null && startedAt) durationMs = (endedAt ? Date.parse(endedAt) : Date.now()) - Date.parse(startedAt);
  return {
    id: run.id,
    functionId,
    functionName: run.function?.name || functionId,
    appId,
    trigger: cron ? `cron: ${cron}` : (run.trigger?.eventName ?? ""),
    status: lower(run.status),
    attempts: typeof run.attempts === "number" ? run.attempts : null,
    createdAt: run.queuedAt,
    startedAt,
    endedAt,
    durationMs,
  };
}

const SPAN_STATUS: Record<string, string> = {
  COMPLETED: "completed",
  FAILED: "failed",
  WAITING: "waiting",
  CANCELLED: "cancelled",
  RUNNING: "running",
  SKIPPED: "skipped",
};
const SPAN_OP: Record<string, string> = {
  RUN: "StepRun",
  SLEEP: "Sleep",
  WAIT_FOR_EVENT: "WaitForEvent",
  INVOKE: "InvokeFunction",
  SEND_EVENT: "SendEvent",
  AI_GATEWAY: "AIGateway",
  WAIT_FOR_SIGNAL: "WaitForSignal",
};

function stepsFromTrace(root: Json | undefined): RunStep[] {
  const steps: RunStep[] = [];
  const visit = (span: Json) => {
    const detail = (span.metadata ?? []).find((m: Json) => m?.scope === "executor" && m?.kind === "attempt")?.values ?? {};
    const status: string = detail.status ?? SPAN_STATUS[String(span.status).replace(/^TRACE_SPAN_STATUS_/, "")] ?? lower(span.status);
    const output = unwrapStruct(span.output);
    const failed = status === "failed" || status === "errored";
    steps.push({
      id: span.id,
      stepId: span.stepId ?? span.id,
      name: span.name ?? null,
      op: detail.op ?? SPAN_OP[String(span.stepOp ?? "").replace(/^TRACE_STEP_OP_/, "")] ?? "Step",
      status,
      attempt: detail.attempt !== undefined ? Number(detail.attempt) : null,
      input: unwrapStruct(span.input),
      output: failed ? undefined : output,
      error: failed ? output : undefined,
      startedAt: span.startedAt ?? span.queuedAt,
      endedAt: span.endedAt ?? null,
    });
  };
  // Inngest nests attempts under a step span; a step with attempt children is shown by its attempts.
  const walk = (span: Json) => {
    for (const child of span.children ?? []) {
      if ((child.children ?? []).length > 0 && child.stepOp)
        (child.children as Json[]).forEach((attempt) =>
          visit({ ...attempt, name: attempt.name ?? child.name, stepId: child.stepId, stepOp: child.stepOp }),
        );
      else visit(child);
    }
  };
  if (root) walk(root);
  return steps;
}

export function createRunsApiClient(options: RunsApiOptions) {
  const origin = options.baseUrl.replace(/\/+$/, "");
  const host = new URL(origin).hostname;
  const v2Base = `${origin}${isCloudHost(host) ? "/v2" : "/api/v2"}`;
  const v1Base = `${origin}/v1`;
  const doFetch = options.fetch ?? fetch;

  async function request(method: string, url: string, body?: unknown): Promise<{ status: number; json: Json | null }> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (options.signingKey) headers.authorization = `Bearer ${options.signingKey}`;
    if (options.inngestEnv) headers["x-inngest-env"] = options.inngestEnv;
    if (body !== undefined) headers["content-type"] = "application/json";
    let response: Response;
    try {
      response = await doFetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      });
    } catch (error) {
      throw new RunsApiError(
        `${options.engine === "local" ? "the local executor" : "Inngest"} could not be reached: ${(error as Error).message}`,
        502,
      );
    }
    const text = await response.text();
    let json: Json | null = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (response.status === 404) return { status: 404, json };
    if (!response.ok) {
      const message = json?.error ?? json?.message ?? json?.errors?.[0]?.message ?? text.slice(0, 300);
      throw new RunsApiError(
        `${method} ${new URL(url).pathname} answered HTTP ${response.status}: ${message}`,
        response.status >= 500 ? 502 : response.status,
      );
    }
    return { status: response.status, json };
  }

  const runUrl = (base: string, id: string, rest = "") => `${base}/runs/${encodeURIComponent(id)}${rest}`;

  return {
    engine: options.engine,

    /** GET /v2/runs: newest first, one page. */
    async listRuns(input: ListRunsInput = {}): Promise<{ runs: RunSummary[]; nextCursor: string | null }> {
      const params = new URLSearchParams({ limit: String(Math.min(100, Math.max(1, input.limit ?? 50))), order: "DESC" });
      if (input.status) params.append("status", input.status.toUpperCase());
      if (input.functionId) params.append("function_id", input.functionId);
      if (input.cursor) params.set("cursor", input.cursor);
      const { status, json } = await request("GET", `${v2Base}/runs?${params}`);
      if (status === 404) throw new RunsApiError("the runs API is not available on this engine", 502);
      const runs = ((json?.data ?? []) as Json[]).map(summaryFromV2);
      const page = json?.page ?? {};
      return { runs, nextCursor: page.hasMore && page.cursor ? String(page.cursor) : null };
    },

    /** GET /v2/runs/{id} + /v2/runs/{id}/trace + GET /v1/runs/{id}; null when the run does not exist. */
    async getRun(id: string): Promise<RunDetail | null> {
      const [summary, trace, v1] = await Promise.all([
        request("GET", runUrl(v2Base, id)),
        request("GET", runUrl(v2Base, id, "/trace")),
        request("GET", runUrl(v1Base, id)),
      ]);
      if (summary.status === 404 || !summary.json?.data) return null;
      const run = summaryFromV2(summary.json.data);
      const legacy: Json = v1.json?.data ?? {};
      const result = "output" in legacy ? legacy.output : unwrapStruct(summary.json.data.output);
      let event: unknown = null;
      const eventId: string | null = legacy.event_id ?? summary.json.data.trigger?.eventIds?.[0] ?? null;
      if (eventId) {
        const found = await request("GET", `${v1Base}/events/${encodeURIComponent(eventId)}`).catch(() => null);
        const data = found?.status === 200 ? found.json?.data : null;
        if (data)
          event = { id: data.id ?? eventId, name: data.name, data: data.data, ts: data.ts, ...(data.user ? { user: data.user } : {}) };
      }
      return {
        ...run,
        eventId,
        event,
        output: run.status === "failed" ? null : (result ?? null),
        error: run.status === "failed" ? (result ?? null) : null,
        rerunOf: legacy.original_run_id ?? null,
        steps: trace.status === 404 ? [] : stepsFromTrace(trace.json?.data?.rootSpan),
      };
    },

    /** DELETE /v1/runs/{id}; cancelled false when the run had already ended, null when unknown. */
    async cancelRun(id: string): Promise<{ cancelled: boolean } | null> {
      const current = await request("GET", runUrl(v2Base, id));
      if (current.status === 404 || !current.json?.data) return null;
      const status = lower(current.json.data.status);
      if (status !== "queued" && status !== "running") return { cancelled: false };
      const { status: code } = await request("DELETE", runUrl(v1Base, id));
      if (code === 404) return null;
      return { cancelled: true };
    },

    /** POST /v2/runs/{id}/rerun: a new run of the same function with the same event. */
    async rerunRun(id: string): Promise<{ runId: string } | null> {
      const { status, json } = await request("POST", runUrl(v2Base, id, "/rerun"), {});
      if (status === 404) return null;
      const runId = json?.data?.runId ?? json?.data?.run_id;
      if (!runId) throw new RunsApiError("the rerun answer carried no run id", 502);
      return { runId: String(runId) };
    },

    /** POST /v1/cancellations: cancel every run of a function started in a time range (optionally matching `if`). */
    async cancelRuns(input: {
      appId: string;
      functionId: string;
      startedBefore: Date;
      startedAfter?: Date;
      if?: string;
    }): Promise<Json | null> {
      const { status, json } = await request("POST", `${v1Base}/cancellations`, {
        app_id: input.appId,
        function_id: input.functionId,
        started_before: input.startedBefore.toISOString(),
        ...(input.startedAfter ? { started_after: input.startedAfter.toISOString() } : {}),
        ...(input.if ? { if: input.if } : {}),
      });
      return status === 404 ? null : (json?.data ?? null);
    },
  };
}

export type RunsApiClient = ReturnType<typeof createRunsApiClient>;

/**
 * Where the Runs page reads: the local executor when it runs (its address and
 * the platform's signing key), else Inngest: INNGEST_API_BASE_URL, or the
 * self-hosted server named by INNGEST_BASE_URL, or Inngest Cloud's API.
 */
export function runsApiOptionsFromEnv(env: Record<string, string | undefined> = process.env): RunsApiOptions {
  const settings = executorSettingsFromEnv(env);
  const signingKey = env.INNGEST_SIGNING_KEY || undefined;
  if (settings.enabled) {
    return { engine: "local", baseUrl: env.INNGEST_BASE_URL || settings.baseUrl, signingKey };
  }
  const baseUrl = env.INNGEST_API_BASE_URL || env.INNGEST_BASE_URL || "https://api.inngest.com";
  return { engine: "inngest", baseUrl, signingKey, inngestEnv: env.INNGEST_ENV || undefined };
}

export function runsApiFromEnv(env: Record<string, string | undefined> = process.env): RunsApiClient {
  return createRunsApiClient(runsApiOptionsFromEnv(env));
}
