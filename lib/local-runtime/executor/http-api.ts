import http from "node:http";
import { ZodError } from "zod";
import { incomingEventsSchema } from "./event-store";
import { EventIntake } from "./event-intake";
import type { ExecutorContext } from "./executor-context";
import { ExpressionError } from "./expression";
import { registerBodySchema } from "./function-registry";
import { hashedSigningKey } from "./request-signing";
import { handleRestApi } from "./rest-api";
import { constantTimeEqual } from "./constant-time-equal";
import { FunctionConfigError } from "./function-validation";
import { scaled } from "./execution-policy";
import { EVENT_DEDUPE_WINDOW_MS } from "./event-store";
import { isDatabaseUnavailable, withDeadline } from "./db-timeouts";

// The endpoints the SDK talks to, at the paths it uses against Inngest:
//   POST /e/:eventKey    inngest.send()            -> { ids, status }
//   POST /fn/register    serve()'s out-of-band sync -> { ok, modified }
// plus GET /health and POST /sync (ask the app to sync again).

const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface HttpApiHooks {
  onRegistered(): Promise<void>;
  resync(): Promise<{ functionCount: number }>;
  eventKey?: string;
  /** How long POST /e/:key may take to store events before it answers 503 (a stalled database); default 5 s. */
  eventDeadlineMs?: number;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error("request body too large"));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), "x-inngest-server-kind": "dev" });
  res.end(text);
}

/** The SDK's registration credential (Bearer + hashed signing key), compared in constant time. */
function carriesSigningKey(req: http.IncomingMessage, signingKey: string | undefined): boolean {
  if (!signingKey) return false;
  return constantTimeEqual(req.headers.authorization ?? "", `Bearer ${hashedSigningKey(signingKey)}`);
}

export function createHttpApi(ctx: ExecutorContext, hooks: HttpApiHooks): http.Server {
  const intake = new EventIntake(ctx.intakeDb ?? ctx.db, {
    dedupeWindowMs: scaled(ctx.policy, EVENT_DEDUPE_WINDOW_MS),
    onStored: () => ctx.wake(),
  });
  return http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://executor");
    try {
      if (req.method === "POST" && url.pathname.startsWith("/e/")) {
        const key = decodeURIComponent(url.pathname.slice(3));
        if (hooks.eventKey && !constantTimeEqual(key, hooks.eventKey))
          return send(res, 401, { ids: [], status: 401, error: "Event key not found" });
        const parsed = incomingEventsSchema.parse(JSON.parse((await readBody(req)) || "null"));
        const events = Array.isArray(parsed) ? parsed : [parsed];
        // Inngest refuses an event over AbsoluteMaxEventSize (3 MiB); so does this executor.
        const maxBytes = ctx.policy.limits.maxEventBytes;
        const tooLarge = events.findIndex((event) => Buffer.byteLength(JSON.stringify(event)) > maxBytes);
        if (tooLarge >= 0) {
          return send(res, 413, {
            ids: [],
            status: 413,
            error: `event ${tooLarge} (${events[tooLarge].name}) is larger than the ${maxBytes}-byte event limit`,
          });
        }
        const seed = req.headers["x-inngest-event-id-seed"];
        // Bounded: with the database stalled the sender gets a 503 it can retry, not a hung request. Events are
        // stored all or none (event-intake.ts), and a retry with the SDK's id seed is de-duplicated should the
        // first attempt commit after all.
        const ids = await withDeadline(
          "storing the events",
          hooks.eventDeadlineMs ?? 5000,
          intake.accept(events, { idSeed: typeof seed === "string" ? seed : undefined }),
        );
        return send(res, 200, { ids, status: 200 });
      }
      if (req.method === "POST" && url.pathname === "/fn/register") {
        if (ctx.signingKey && !carriesSigningKey(req, ctx.signingKey)) {
          return send(res, 401, { status: 401, error: "signing key does not match" });
        }
        const body = registerBodySchema.parse(JSON.parse(await readBody(req)));
        await ctx.registry.register(body);
        await hooks.onRegistered();
        return send(res, 200, { ok: true, status: 200, modified: true });
      }
      if (req.method === "POST" && url.pathname === "/sync") {
        // An admin action: only with the executor's signing key (the SDK's Bearer form).
        if (!carriesSigningKey(req, ctx.signingKey)) {
          return send(res, 401, {
            status: 401,
            error: ctx.signingKey ? "signing key does not match" : "POST /sync needs the executor to have a signing key",
          });
        }
        return send(res, 200, await hooks.resync());
      }
      if (req.method === "GET" && (url.pathname === "/health" || url.pathname === "/")) {
        return send(res, 200, { ok: true, executor: "local", functions: ctx.registry.all().map((f) => f.id) });
      }
      if (await handleRestApi(ctx, req, res, url)) return;
      send(res, 404, { error: `not found: ${req.method} ${url.pathname}` });
    } catch (error) {
      if (error instanceof FunctionConfigError) return send(res, 400, { ok: false, status: 400, error: error.message });
      if (error instanceof ZodError || error instanceof SyntaxError || error instanceof ExpressionError) {
        return send(res, 400, { ids: [], status: 400, error: `invalid request: ${error.message}` });
      }
      if (isDatabaseUnavailable(error)) {
        console.error(`[inngest-executor] database unavailable: ${(error as Error).message}`);
        return send(res, 503, { ids: [], status: 503, error: "database unavailable, retry later" });
      }
      console.error("[inngest-executor] http error", error);
      send(res, 500, { ids: [], status: 500, error: (error as Error).message });
    }
  });
}
