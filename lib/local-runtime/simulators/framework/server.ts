import http from "node:http";
import type { AddressInfo } from "node:net";
import { BodyParseError, parseBody, readRawBody } from "./body";
import { createFaultInjector } from "./faults";
import { hashString } from "./random";
import { createRouter } from "./router";
import type { FaultConfig, RecordedRequest, RouteDefinition, SimulatorRequest, SimulatorResponse } from "./types";

/** Admin paths are never faulted nor recorded: they are how tests and operators steer the simulator. */
export const ADMIN_PREFIX = "/__simulator";

export interface SimulatorServerOptions {
  /** Shown in errors and logs, e.g. "webscraper". */
  name: string;
  routes: RouteDefinition[];
  /** Extra routes under /__simulator (e.g. "continue a job"); exempt from faults and the request log. */
  adminRoutes?: RouteDefinition[];
  faults?: Partial<FaultConfig>;
  /** Seeds the fault PRNG; the same seed and request order give the same faults. Default 1. */
  seed?: number;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Bound on the in-memory request log. Default 1000. */
  maxRecordedRequests?: number;
  /** Body of injected 5xx answers and of the framework's own 4xx/5xx; default `{ success: false, error }`. */
  errorBody?: (status: number, message: string) => unknown;
}

export interface SimulatorServer {
  readonly name: string;
  readonly url: string;
  readonly port: number;
  /** The recorded protocol traffic, oldest first (admin calls excluded). */
  readonly requests: readonly RecordedRequest[];
  readonly faults: FaultConfig;
  setFaults(partial: Partial<FaultConfig>): FaultConfig;
  clearRequests(): void;
  stop(): Promise<void>;
}

const defaultErrorBody = (_status: number, message: string) => ({ success: false, error: message });

const REDACTED_QUERY = new Set(["api_token", "token", "t"]);
const REDACTED_HEADERS = new Set(["authorization", "cookie", "x-webhook-token"]);
const REDACTED_BODY_FIELDS = new Set(["client_secret", "password", "access_token", "refresh_token"]);

function redactBody(body: unknown): unknown {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return body;
  return Object.fromEntries(
    Object.entries(body as Record<string, unknown>).map(([key, value]) => [key, REDACTED_BODY_FIELDS.has(key) ? "[redacted]" : value]),
  );
}

// The log is served over HTTP; keep credentials out of it.
function redactQuery(query: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(query).map(([key, value]) => [key, REDACTED_QUERY.has(key) ? "[redacted]" : value]));
}

function redactHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[key] = REDACTED_HEADERS.has(key) ? "[redacted]" : Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

function send(response: http.ServerResponse, answer: SimulatorResponse): void {
  const status = answer.status ?? 200;
  const headers: Record<string, string | number> = { ...(answer.headers ?? {}) };
  let payload: Buffer | string | undefined;
  const body = answer.body;
  if (body === undefined || body === null) {
    payload = undefined;
  } else if (Buffer.isBuffer(body) || typeof body === "string") {
    payload = body;
    if (!Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) {
      headers["Content-Type"] = "text/plain; charset=utf-8";
    }
  } else {
    payload = JSON.stringify(body);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) {
      headers["Content-Type"] = "application/json";
    }
  }
  if (payload !== undefined) headers["Content-Length"] = Buffer.byteLength(payload);
  response.writeHead(status, headers);
  response.end(payload);
}

export async function createSimulatorServer(options: SimulatorServerOptions): Promise<SimulatorServer> {
  const host = options.host ?? "127.0.0.1";
  const errorBody = options.errorBody ?? defaultErrorBody;
  const maxRecorded = options.maxRecordedRequests ?? 1000;
  const faults = createFaultInjector(options.faults, options.seed ?? 1);
  const apiRouter = createRouter(options.routes);
  const recorded: RecordedRequest[] = [];
  let baseUrl = "";

  const adminRouter = createRouter([
    { method: "GET", path: `${ADMIN_PREFIX}/faults`, handler: () => ({ body: faults.config }) },
    {
      method: "POST",
      path: `${ADMIN_PREFIX}/faults`,
      handler: (request) => {
        if (typeof request.body !== "object" || request.body === null || Array.isArray(request.body)) {
          return { status: 400, body: errorBody(400, "expected a JSON object of faults") };
        }
        try {
          return { body: faults.update(request.body as Partial<FaultConfig>) };
        } catch (error) {
          return { status: 400, body: errorBody(400, (error as Error).message) };
        }
      },
    },
    { method: "GET", path: `${ADMIN_PREFIX}/requests`, handler: () => ({ body: recorded }) },
    {
      method: "DELETE",
      path: `${ADMIN_PREFIX}/requests`,
      handler: () => {
        recorded.length = 0;
        return { status: 204 };
      },
    },
    ...(options.adminRoutes ?? []),
  ]);

  function record(entry: RecordedRequest) {
    recorded.push(entry);
    if (recorded.length > maxRecorded) recorded.splice(0, recorded.length - maxRecorded);
  }

  async function handle(incoming: http.IncomingMessage, outgoing: http.ServerResponse): Promise<void> {
    const startedAt = Date.now();
    const url = new URL(incoming.url ?? "/", baseUrl);
    const method = (incoming.method ?? "GET").toUpperCase();
    const isAdmin = url.pathname === ADMIN_PREFIX || url.pathname.startsWith(`${ADMIN_PREFIX}/`);
    const query = Object.fromEntries([...url.searchParams.keys()].map((key) => [key, url.searchParams.get(key) ?? ""]));
    const rawBody = await readRawBody(incoming);
    let answer: SimulatorResponse | undefined;
    let fault: RecordedRequest["fault"];
    let parsedBody: unknown;

    try {
      parsedBody = parseBody(rawBody, incoming.headers["content-type"]);
    } catch (error) {
      if (!(error instanceof BodyParseError)) throw error;
      parsedBody = rawBody.toString("utf8");
      answer = { status: 400, body: errorBody(400, error.message) };
    }

    const decision = isAdmin ? null : faults.decide(startedAt);
    if (decision) await sleep(decision.delayMs);

    if (decision?.kind === "rate-limit") {
      fault = "rate-limit";
      answer = { status: 429, headers: decision.headers, body: errorBody(429, "Too Many Requests") };
    } else if (decision?.kind === "error") {
      fault = "error";
      answer = {
        status: decision.status,
        body: errorBody(decision.status, `simulated ${decision.status} from the ${options.name} simulator`),
      };
    } else {
      answer ??= await route(isAdmin, method, url, query, incoming, parsedBody, rawBody);
      if (decision?.kind === "pass" && Object.keys(decision.rateLimitHeaders).length > 0) {
        answer = { ...answer, headers: { ...decision.rateLimitHeaders, ...(answer.headers ?? {}) } };
      }
    }

    send(outgoing, answer);
    if (!isAdmin) {
      record({
        at: new Date(startedAt).toISOString(),
        method,
        path: url.pathname,
        query: redactQuery(query),
        headers: redactHeaders(incoming.headers),
        body: redactBody(parsedBody),
        status: answer.status ?? 200,
        durationMs: Date.now() - startedAt,
        ...(fault ? { fault } : {}),
      });
    }
  }

  async function route(
    isAdmin: boolean,
    method: string,
    url: URL,
    query: Record<string, string>,
    incoming: http.IncomingMessage,
    body: unknown,
    rawBody: Buffer,
  ): Promise<SimulatorResponse> {
    const match = (isAdmin ? adminRouter : apiRouter).match(method, url.pathname);
    if (match === null) return { status: 404, body: errorBody(404, `no route for ${method} ${url.pathname}`) };
    if ("methodNotAllowed" in match) {
      return { status: 405, body: errorBody(405, `${method} is not allowed on ${url.pathname}`) };
    }
    const request: SimulatorRequest = {
      method,
      path: url.pathname,
      params: match.params,
      query,
      searchParams: url.searchParams,
      headers: incoming.headers,
      body,
      rawBody,
      baseUrl,
    };
    try {
      return await match.handler(request);
    } catch (error) {
      return { status: 500, body: errorBody(500, `${options.name} simulator route failed: ${(error as Error).message}`) };
    }
  }

  const server = http.createServer((incoming, outgoing) => {
    handle(incoming, outgoing).catch((error: Error) => {
      if (!outgoing.headersSent) send(outgoing, { status: 500, body: errorBody(500, error.message) });
      else outgoing.destroy(error);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;

  return {
    name: options.name,
    url: baseUrl,
    port,
    get requests() {
      return recorded;
    },
    get faults() {
      return faults.config;
    },
    setFaults: (partial) => faults.update(partial),
    clearRequests: () => {
      recorded.length = 0;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A seed derived from a simulator's name, so several simulators sharing one global seed do not fault in lockstep. */
export function seedFor(name: string, seed: number): number {
  return (hashString(name) ^ seed) >>> 0;
}
