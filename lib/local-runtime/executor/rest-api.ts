import type http from "node:http";
import { timingSafeEqual } from "node:crypto";
import { SCHEMA, withTransaction } from "./database";
import type { ExecutorContext } from "./executor-context";
import { expressionMatches } from "./expression";
import { hashedSigningKey } from "./request-signing";
import { cancelRunInTx } from "./run-store";
import { getRun, rerunRun, type RunDetail } from "./runs-query";

// The part of Inngest's REST API the dashboard uses, served from the
// executor's own tables so one client (lib/runs/runs-api-client.ts) talks to
// either engine. Shapes follow the Inngest server:
//   v1 (pkg/api/apiv1, WriteResponse wraps in { data, metadata }):
//     GET    /v1/runs/{id}        cqrs.FunctionRun
//     DELETE /v1/runs/{id}        cancel one run (200, empty body)
//     POST   /v1/cancellations    { app_id, function_id, started_before, started_after?, if? } -> cqrs.Cancellation
//     GET    /v1/events/{id}      cqrs.Event
//   v2 (proto/api/v2/service.proto through grpc-gateway: lowerCamelCase fields,
//   enums without their prefix, pkg/api/v2/enum_json.go), under /api/v2 (self-hosted) and /v2 (Cloud):
//     GET    /runs                ListRunsResponse { data: FunctionRun[], metadata, page: { cursor, hasMore, limit } }
//     GET    /runs/{id}           GetFunctionRunResponse
//     POST   /runs/{id}/rerun     RerunResponse { data: { runId } }
//     GET    /runs/{id}/trace     GetFunctionTraceResponse { data: { runId, rootSpan } }
// Requests need `Authorization: Bearer <signing key>` (plain or hashed, as
// pkg/authn/signing_key_strategy.go accepts) whenever the executor has a signing key.
// Deliberate extras (documented in the README): FunctionRun.attempts and a
// step span's metadata entry { scope: "executor", kind: "attempt" }.

type Row = Record<string, any>;

const V2_STATUS: Record<string, string> = {
  queued: "QUEUED",
  running: "RUNNING",
  completed: "COMPLETED",
  failed: "FAILED",
  cancelled: "CANCELLED",
};
const V1_STATUS: Record<string, string> = {
  queued: "Scheduled",
  running: "Running",
  completed: "Completed",
  failed: "Failed",
  cancelled: "Cancelled",
};
const SPAN_STATUS: Record<string, string> = {
  completed: "COMPLETED",
  errored: "FAILED",
  failed: "FAILED",
  sleeping: "WAITING",
  waiting: "WAITING",
  invoking: "WAITING",
  cancelled: "CANCELLED",
  running: "RUNNING",
};
const STEP_OP: Record<string, string> = {
  StepRun: "RUN",
  Step: "RUN",
  StepError: "RUN",
  StepFailed: "RUN",
  Sleep: "SLEEP",
  WaitForEvent: "WAIT_FOR_EVENT",
  InvokeFunction: "INVOKE",
};

const iso = (value: unknown) => (value ? new Date(value as string).toISOString() : undefined);
const metadata = () => ({ fetchedAt: new Date().toISOString(), cachedUntil: null });

/** pkg/api/v2/function_ids.go PublicFunctionID: the configured id without the "<app>-" prefix. */
export function publicFunctionId(appId: string | null | undefined, functionId: string): string {
  return appId && functionId.startsWith(`${appId}-`) ? functionId.slice(appId.length + 1) : functionId;
}

/** pkg/api/v2 jsonToStruct: objects as they are, anything else wrapped as { data }. */
function toStruct(value: unknown): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : { data: value };
}

function cronOf(trigger: string): string | undefined {
  return trigger.startsWith("cron: ") ? trigger.slice("cron: ".length) : undefined;
}

function toFunctionRunV2(row: Row, includeOutput: boolean) {
  const started = row.started_at ? new Date(row.started_at).getTime() : undefined;
  const ended = row.ended_at ? new Date(row.ended_at).getTime() : undefined;
  const cron = cronOf(row.trigger);
  const result = row.status === "failed" ? row.error : row.output;
  return {
    id: row.id,
    function: { id: publicFunctionId(row.app_id, row.function_id), name: row.function_name ?? row.function_id },
    app: { id: row.app_id ?? "" },
    status: V2_STATUS[row.status] ?? "QUEUED",
    queuedAt: iso(row.created_at),
    ...(started !== undefined ? { startedAt: iso(row.started_at) } : {}),
    ...(ended !== undefined ? { endedAt: iso(row.ended_at) } : {}),
    ...(started !== undefined && ended !== undefined ? { durationMs: String(ended - started) } : {}),
    trigger: {
      eventIds: row.event?.id ? [row.event.id] : [],
      ...(row.event?.name ? { eventName: row.event.name } : {}),
      isBatch: false,
      ...(cron ? { cronSchedule: cron } : {}),
    },
    ...(includeOutput && toStruct(result) ? { output: toStruct(result) } : {}),
    // Not in Inngest's FunctionRun: the attempt count the Runs page shows when an engine reports it.
    attempts: row.started_at ? Number(row.attempts) + 1 : 0,
  };
}

function toFunctionRunV1(row: Row) {
  const cron = cronOf(row.trigger);
  return {
    run_id: row.id,
    run_started_at: iso(row.started_at ?? row.created_at),
    function_id: row.function_id,
    function_version: Number(row.function_version ?? 1),
    environment_id: "local",
    event_id: row.event?.id ?? null,
    ...(row.rerun_of ? { original_run_id: row.rerun_of } : {}),
    ...(cron ? { cron } : {}),
    status: V1_STATUS[row.status] ?? "Running",
    ended_at: iso(row.ended_at) ?? null,
    ...((row.status === "failed" ? row.error : row.output) != null ? { output: row.status === "failed" ? row.error : row.output } : {}),
  };
}

function toTrace(detail: RunDetail, appId: string | null) {
  return {
    runId: detail.id,
    rootSpan: {
      id: detail.id,
      name: detail.functionName,
      status: SPAN_STATUS[detail.status] ?? (detail.status === "queued" ? "RUNNING" : "UNKNOWN"),
      queuedAt: detail.createdAt,
      ...(detail.startedAt ? { startedAt: detail.startedAt } : {}),
      ...(detail.endedAt ? { endedAt: detail.endedAt } : {}),
      ...(toStruct(detail.status === "failed" ? detail.error : detail.output)
        ? { output: toStruct(detail.status === "failed" ? detail.error : detail.output) }
        : {}),
      metadata: [{ scope: "executor", kind: "function", values: { function_id: publicFunctionId(appId, detail.functionId) } }],
      children: detail.steps.map((step) => ({
        id: step.id,
        name: step.name ?? step.stepId,
        status: SPAN_STATUS[step.status] ?? "UNKNOWN",
        ...(STEP_OP[step.op] ? { stepOp: STEP_OP[step.op] } : {}),
        stepId: step.stepId,
        queuedAt: step.startedAt,
        startedAt: step.startedAt,
        ...(step.endedAt ? { endedAt: step.endedAt } : {}),
        ...(toStruct(step.input) ? { input: toStruct(step.input) } : {}),
        ...(toStruct(step.error ?? step.output) ? { output: toStruct(step.error ?? step.output) } : {}),
        metadata: [{ scope: "executor", kind: "attempt", values: { attempt: String(step.attempt), status: step.status, op: step.op } }],
        children: [],
      })),
    },
  };
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = body === undefined ? "" : JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

function authorized(req: http.IncomingMessage, signingKey: string | undefined): boolean {
  if (!signingKey) return true;
  const given = (req.headers.authorization ?? "").replace(/^Bearer\s+/i, "").replace(/^signkey-\w+-/, "");
  const plain = signingKey.replace(/^signkey-\w+-/, "");
  const hashed = hashedSigningKey(signingKey).replace(/^signkey-\w+-/, "");
  const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
  return given !== "" && (same(given, plain) || same(given, hashed));
}

const RUN_COLUMNS = `r.*, f.name AS function_name, f.app_id`;

async function loadRunRow(ctx: ExecutorContext, id: string): Promise<Row | undefined> {
  const { rows } = await ctx.db.query(
    `SELECT ${RUN_COLUMNS} FROM ${SCHEMA}.runs r LEFT JOIN ${SCHEMA}.functions f ON f.id = r.function_id WHERE r.id = $1`,
    [id],
  );
  return rows[0];
}

async function readJson(req: http.IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 1024 * 1024) throw new SyntaxError("request body too large");
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  return text === "" ? {} : JSON.parse(text);
}

/** Answers a REST API request; false when the path is not one of these routes. */
export async function handleRestApi(ctx: ExecutorContext, req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<boolean> {
  const path = url.pathname.replace(/\/+$/, "");
  const v2 = /^\/(?:api\/)?v2(\/.*)$/.exec(path)?.[1];
  const v1 = /^\/v1(\/.*)$/.exec(path)?.[1];
  if (v1 === undefined && v2 === undefined) return false;
  if (v1 !== undefined && !/^\/(runs|cancellations|events)(\/|$)/.test(v1)) return false;
  if (!authorized(req, ctx.signingKey)) {
    sendJson(res, 401, { error: "No auth found", status: 401 });
    return true;
  }
  const notFound = (what: string) => sendJson(res, 404, { error: `${what} not found`, status: 404 });
  let match: RegExpExecArray | null;

  if (v1 !== undefined) {
    if ((match = /^\/runs\/([^/]+)$/.exec(v1))) {
      const id = decodeURIComponent(match[1]);
      const row = await loadRunRow(ctx, id);
      if (!row) return (notFound(`function run ${id}`), true);
      if (req.method === "GET") return (sendJson(res, 200, { data: toFunctionRunV1(row), metadata: metadata() }), true);
      if (req.method === "DELETE") {
        await withTransaction(ctx.db, (tx) => cancelRunInTx(tx, id, "cancelled through the REST API"));
        ctx.wake();
        res.writeHead(200).end();
        return true;
      }
    }
    if ((match = /^\/events\/([^/]+)$/.exec(v1)) && req.method === "GET") {
      const { rows } = await ctx.db.query(`SELECT id, payload, received_at FROM ${SCHEMA}.events WHERE id = $1`, [
        decodeURIComponent(match[1]),
      ]);
      if (!rows[0]) return (notFound("event"), true);
      const event = rows[0].payload;
      return (
        sendJson(res, 200, { data: { internal_id: rows[0].id, received_at: iso(rows[0].received_at), ...event }, metadata: metadata() }),
        true
      );
    }
    if (v1 === "/cancellations" && req.method === "POST") {
      const body = await readJson(req);
      const problems: string[] = [];
      if (!body.app_id) problems.push("app_id is required");
      if (!body.function_id) problems.push("function_id is required");
      const before = body.started_before ? new Date(body.started_before) : undefined;
      const after = body.started_after ? new Date(body.started_after) : undefined;
      if (!before || Number.isNaN(before.getTime())) problems.push("started_before is required");
      else if (before.getTime() > Date.now() + 5_000) problems.push("started_before must be in the past");
      if (after && before && after > before) problems.push("started_after must be before started_before");
      if (problems.length) return (sendJson(res, 400, { error: problems.join("\n"), status: 400 }), true);
      const fn = ctx.registry
        .all()
        .find((f) => f.appId === body.app_id && (f.id === body.function_id || publicFunctionId(f.appId, f.id) === body.function_id));
      if (!fn) return (notFound("function"), true);
      const { rows } = await ctx.db.query(
        `SELECT id, event FROM ${SCHEMA}.runs WHERE function_id = $1 AND status IN ('queued', 'running')
         AND created_at <= $2::timestamptz AND ($3::timestamptz IS NULL OR created_at >= $3::timestamptz)`,
        [fn.id, before!.toISOString(), after ? after.toISOString() : null],
      );
      for (const run of rows) {
        if (body.if && !expressionMatches(body.if, { event: run.event })) continue;
        await withTransaction(ctx.db, (tx) => cancelRunInTx(tx, run.id, "cancelled by a bulk cancellation"));
      }
      ctx.wake();
      const cancellation = {
        created_at: new Date().toISOString(),
        name: null,
        id: `cancel-${Date.now()}`,
        environment_id: "local",
        app_id: body.app_id,
        function_internal_id: fn.id,
        function_id: publicFunctionId(fn.appId, fn.id),
        started_after: after?.toISOString() ?? null,
        started_before: before!.toISOString(),
        ...(body.if ? { if: body.if } : {}),
        kind: "bulk_run",
        cause: "api",
      };
      return (sendJson(res, 200, { data: cancellation, metadata: metadata() }), true);
    }
    return (sendJson(res, 405, { error: `not served: ${req.method} /v1${v1}`, status: 405 }), true);
  }

  // v2
  if (v2 === "/runs" && req.method === "GET") {
    const q = url.searchParams;
    const all = (name: string) =>
      [...q.getAll(name), ...q.getAll(name.replace(/_(\w)/g, (_m, c: string) => c.toUpperCase()))]
        .flatMap((v) => v.split(","))
        .filter(Boolean);
    const statuses = all("status").map((s) => s.toLowerCase().replace(/^function_run_status_/, ""));
    // A function id filter names the public id ("sync-orders") or the full one ("app-sync-orders").
    const apps = [...new Set(ctx.registry.all().map((f) => f.appId))];
    const functionIds = all("function_id").flatMap((id) => [id, ...apps.map((app) => `${app}-${id}`)]);
    const appIds = all("app_id");
    const limit = Math.min(100, Math.max(1, Number(q.get("limit") ?? 20) || 20));
    const cursor = q.get("cursor") || null;
    const ascending = (q.get("order") ?? "").toUpperCase() === "ASC";
    const includeOutput = q.get("include_output") === "true" || q.get("includeOutput") === "true";
    const { rows } = await ctx.db.query(
      `SELECT ${RUN_COLUMNS} FROM ${SCHEMA}.runs r LEFT JOIN ${SCHEMA}.functions f ON f.id = r.function_id
       WHERE (cardinality($1::text[]) = 0 OR r.status = ANY($1::text[]))
         AND (cardinality($2::text[]) = 0 OR r.function_id = ANY($2::text[]))
         AND (cardinality($3::text[]) = 0 OR f.app_id = ANY($3::text[]))
         AND ($4::text IS NULL OR ${ascending ? "r.id > $4" : "r.id < $4"})
       ORDER BY r.id ${ascending ? "ASC" : "DESC"} LIMIT $5`,
      [statuses, functionIds, appIds, cursor, limit + 1],
    );
    const page = rows.slice(0, limit);
    const hasMore = rows.length > limit;
    sendJson(res, 200, {
      data: page.map((row) => toFunctionRunV2(row, includeOutput)),
      metadata: metadata(),
      page: { ...(hasMore ? { cursor: page[page.length - 1].id } : {}), hasMore, limit },
    });
    return true;
  }
  if ((match = /^\/runs\/([^/]+)(\/rerun|\/trace|\/cancel)?$/.exec(v2!))) {
    const id = decodeURIComponent(match[1]);
    const action = match[2] ?? "";
    const row = await loadRunRow(ctx, id);
    if (!row) return (notFound(`run ${id}`), true);
    if (action === "" && req.method === "GET") {
      return (sendJson(res, 200, { data: toFunctionRunV2(row, true), metadata: metadata() }), true);
    }
    if (action === "/trace" && req.method === "GET") {
      const detail = await getRun(id, ctx.db);
      if (!detail) return (notFound(`run ${id}`), true);
      return (sendJson(res, 200, { data: toTrace(detail, row.app_id), metadata: metadata() }), true);
    }
    if (action === "/rerun" && req.method === "POST") {
      await readJson(req);
      const rerun = await rerunRun(id, ctx.db);
      ctx.wake();
      if (!rerun) return (notFound(`run ${id}`), true);
      return (sendJson(res, 200, { data: { runId: rerun.runId }, metadata: metadata() }), true);
    }
    if (action === "/cancel" && req.method === "POST") {
      await withTransaction(ctx.db, (tx) => cancelRunInTx(tx, id, "cancelled through the REST API"));
      ctx.wake();
      return (sendJson(res, 200, { data: { runId: id }, metadata: metadata() }), true);
    }
  }
  sendJson(res, 405, { error: `not served: ${req.method} ${url.pathname}`, status: 405 });
  return true;
}
