import type { IncomingHttpHeaders } from "node:http";

export interface SimulatorRequest {
  method: string;
  /** The path without the query string, e.g. `/api/v1/scraping-job/12`. */
  path: string;
  /** Values of `:name` segments of the matched route pattern. */
  params: Record<string, string>;
  /** First value of every query parameter; use `searchParams` for repeated ones. */
  query: Record<string, string>;
  searchParams: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Parsed by content type: JSON → value, form-urlencoded → record, anything else → string (empty body → undefined). */
  body: unknown;
  rawBody: Buffer;
  /** Base URL the simulator listens on, for building absolute links (redirects). */
  baseUrl: string;
}

export interface SimulatorResponse {
  status?: number;
  headers?: Record<string, string | number>;
  /** Plain objects and arrays are sent as JSON; strings and Buffers as they are. */
  body?: unknown;
}

export type RouteHandler = (request: SimulatorRequest) => SimulatorResponse | Promise<SimulatorResponse>;

export interface RouteDefinition {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Pattern such as `/api/v1/scraping-job/:id/export`. */
  path: string;
  handler: RouteHandler;
}

export interface LatencyRange {
  min: number;
  max: number;
}

export interface RateLimit {
  /** Requests allowed per window. */
  limit: number;
  windowMs: number;
}

export interface FaultConfig {
  /** Added before every answer: a fixed delay or a uniform range. */
  latencyMs: number | LatencyRange;
  /** Share (0..1) of requests answered with a simulated 500 or 503. */
  errorRate: number;
  /** Fixed-window limit across all routes; `null` disables it. */
  rateLimit: RateLimit | null;
}

export interface RecordedRequest {
  at: string;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  status: number;
  durationMs: number;
  /** Set when the answer came from fault injection rather than the route. */
  fault?: "error" | "rate-limit";
}
