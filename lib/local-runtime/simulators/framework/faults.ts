import { createRandom } from "./random";
import type { FaultConfig, LatencyRange } from "./types";

export const NO_FAULTS: FaultConfig = { latencyMs: 0, errorRate: 0, rateLimit: null };

export type FaultDecision =
  | { kind: "pass"; delayMs: number; rateLimitHeaders: Record<string, string> }
  | { kind: "error"; delayMs: number; status: 500 | 503 }
  | { kind: "rate-limit"; delayMs: number; retryAfterSeconds: number; headers: Record<string, string> };

export interface FaultInjector {
  readonly config: FaultConfig;
  update(partial: Partial<FaultConfig>): FaultConfig;
  /** Decides the fate of one request; call once per request, in arrival order. */
  decide(now: number): FaultDecision;
}

export function validateFaults(partial: Partial<FaultConfig>): Partial<FaultConfig> {
  const problems: string[] = [];
  const { latencyMs, errorRate, rateLimit } = partial;
  if (latencyMs !== undefined) {
    const ok =
      typeof latencyMs === "number"
        ? latencyMs >= 0
        : typeof latencyMs === "object" && latencyMs !== null && latencyMs.min >= 0 && latencyMs.max >= latencyMs.min;
    if (!ok) problems.push("latencyMs must be a non-negative number or {min,max} with 0 <= min <= max");
  }
  if (errorRate !== undefined && !(typeof errorRate === "number" && errorRate >= 0 && errorRate <= 1)) {
    problems.push("errorRate must be between 0 and 1");
  }
  if (rateLimit !== undefined && rateLimit !== null) {
    if (!(Number.isInteger(rateLimit.limit) && rateLimit.limit >= 0 && rateLimit.windowMs > 0)) {
      problems.push("rateLimit must be {limit: integer >= 0, windowMs > 0} or null");
    }
  }
  if (problems.length > 0) throw new RangeError(problems.join("; "));
  return partial;
}

function pickLatency(latency: number | LatencyRange, random: () => number): number {
  if (typeof latency === "number") return latency;
  return Math.round(latency.min + (latency.max - latency.min) * random());
}

export function createFaultInjector(initial: Partial<FaultConfig> | undefined, seed: number): FaultInjector {
  let config: FaultConfig = { ...NO_FAULTS, ...validateFaults(initial ?? {}) };
  const random = createRandom(seed);
  // Fixed window, like WebScraper.io's "N calls per M minutes" with a reset time.
  let windowStart = 0;
  let windowCount = 0;

  return {
    get config() {
      return config;
    },
    update(partial) {
      config = { ...config, ...validateFaults(partial) };
      if (partial.rateLimit !== undefined) {
        windowStart = 0;
        windowCount = 0;
      }
      return config;
    },
    decide(now) {
      const delayMs = pickLatency(config.latencyMs, random);
      let rateLimitHeaders: Record<string, string> = {};
      const limit = config.rateLimit;
      if (limit) {
        if (now - windowStart >= limit.windowMs) {
          windowStart = now;
          windowCount = 0;
        }
        windowCount++;
        const resetAtMs = windowStart + limit.windowMs;
        rateLimitHeaders = {
          "X-RateLimit-Limit": String(limit.limit),
          "X-RateLimit-Remaining": String(Math.max(0, limit.limit - windowCount)),
        };
        if (windowCount > limit.limit) {
          const retryAfterSeconds = Math.max(1, Math.ceil((resetAtMs - now) / 1000));
          return {
            kind: "rate-limit",
            delayMs,
            retryAfterSeconds,
            headers: {
              ...rateLimitHeaders,
              "X-RateLimit-Reset": String(Math.ceil(resetAtMs / 1000)),
              "Retry-After": String(retryAfterSeconds),
            },
          };
        }
      }
      // Always draw, so the error sequence does not shift when errorRate changes between 0 and >0.
      const roll = random();
      if (roll < config.errorRate) {
        return { kind: "error", delayMs, status: random() < 0.5 ? 500 : 503 };
      }
      return { kind: "pass", delayMs, rateLimitHeaders };
    },
  };
}
