import { SCHEMA, type Queryable } from "./database";
import { parseDurationMs } from "./duration";
import { scaled } from "./execution-policy";
import { expressionKey } from "./expression";
import type { ConcurrencySlot, RegisteredFunction, StoredEvent } from "./types";

// Admission rules applied when a run is created, ported from the Inngest server.
//
// Throttle and rateLimit are both GCRA (generic cell rate algorithm) over one
// "theoretical arrival time" (tat) per key, kept in flow_keys and updated by a
// single atomic statement, so they hold across executors and restarts:
//   emission e = period / limit, tolerance dvt = e * (burst + 1),
//   a request at `now` is allowed from  max(tat, now) + e - dvt  on,
//   and an admitted request moves tat to  max(tat, now) + e.
// (pkg/constraintapi/lua/helper/gcra.lua, pkg/execution/ratelimit/lua/ratelimit.lua)

/** Inngest's FunctionIdempotencyPeriod (pkg/consts/consts.go). */
export const IDEMPOTENCY_PERIOD_MS = 24 * 60 * 60 * 1000;

interface Gcra {
  key: string;
  emissionMs: number;
  toleranceMs: number;
}

function flowKey(kind: string, fn: RegisteredFunction, keyExpression: string | undefined, event: StoredEvent): string {
  return `${kind}:${fn.id}:${keyExpression ? expressionKey(keyExpression, { event }) : ""}`;
}

/**
 * The rate limit that applies: on Inngest `idempotency` *replaces* `rateLimit`
 * with { limit: 1, period: 24h, key: idempotency } (pkg/sdk/function.go), and a
 * rate limit admits floor(limit / 10) + 1 at once (burst = limit / 10,
 * pkg/execution/ratelimit/ratelimit_lua.go).
 */
export function effectiveRateLimit(fn: RegisteredFunction): { limit: number; periodMs: number; key?: string } | undefined {
  if (fn.config.idempotency) return { limit: 1, periodMs: IDEMPOTENCY_PERIOD_MS, key: fn.config.idempotency };
  const rule = fn.config.rateLimit;
  if (!rule) return undefined;
  return { limit: Math.max(1, Math.floor(rule.limit)), periodMs: parseDurationMs(rule.period) ?? 60_000, key: rule.key };
}

function rateLimitGcra(fn: RegisteredFunction, event: StoredEvent): Gcra | undefined {
  const rule = effectiveRateLimit(fn);
  if (!rule) return undefined;
  const burst = Math.floor(rule.limit / 10);
  // Rounded up: a slightly slower emission never admits more than Inngest would.
  const emissionMs = Math.ceil(scaled(fn.policy, rule.periodMs) / rule.limit);
  return { key: flowKey("rate", fn, rule.key, event), emissionMs, toleranceMs: emissionMs * (burst + 1) };
}

/**
 * Throttle allows `limit + burst` runs at once, then one every period/limit
 * (pkg/constraintapi/lua/acquire.lua calls the GCRA with maxBurst = limit + burst - 1).
 * `burst` defaults to 0 and `limit` to at least 1 (pkg/inngest/function.go Throttle).
 */
function throttleGcra(fn: RegisteredFunction, event: StoredEvent): Gcra | undefined {
  const rule = fn.config.throttle;
  if (!rule) return undefined;
  const limit = Math.max(1, Math.floor(rule.limit ?? 1));
  const burst = Math.max(0, Math.floor(rule.burst ?? 0));
  const emissionMs = Math.ceil(scaled(fn.policy, parseDurationMs(rule.period) ?? 60_000) / limit);
  return { key: flowKey("throttle", fn, rule.key, event), emissionMs, toleranceMs: emissionMs * (limit + burst) };
}

/** Whether creating a run of this function reads admission state (rate limit, idempotency, singleton, throttle). */
export function hasAdmissionRules(fn: RegisteredFunction): boolean {
  return Boolean(effectiveRateLimit(fn) || fn.config.singleton || fn.config.throttle);
}

/**
 * false when the function's rateLimit (or idempotency key) is used up for this
 * key: the event is skipped, never queued, as on Inngest.
 */
export async function passesRateLimit(q: Queryable, fn: RegisteredFunction, event: StoredEvent, nowMs: number): Promise<boolean> {
  const gcra = rateLimitGcra(fn, event);
  if (!gcra) return true;
  const { rowCount } = await q.query(
    `INSERT INTO ${SCHEMA}.flow_keys (key, tat_ms) VALUES ($1, $2::bigint + $3::bigint)
     ON CONFLICT (key) DO UPDATE SET tat_ms = GREATEST(${SCHEMA}.flow_keys.tat_ms, $2::bigint) + $3::bigint
     WHERE GREATEST(${SCHEMA}.flow_keys.tat_ms, $2::bigint) + $3::bigint - $4::bigint <= $2::bigint`,
    [gcra.key, Math.round(nowMs), gcra.emissionMs, gcra.toleranceMs],
  );
  return (rowCount ?? 0) > 0;
}

/**
 * When the run may start under the function's throttle. Throttled runs wait in
 * order, never dropped: each reserves the earliest instant the GCRA admits it
 * (what Inngest's queue reaches by retrying the item at `retry_at`).
 */
export async function throttledStartMs(q: Queryable, fn: RegisteredFunction, event: StoredEvent, nowMs: number): Promise<number> {
  const gcra = throttleGcra(fn, event);
  if (!gcra) return nowMs;
  const { rows } = await q.query(
    `INSERT INTO ${SCHEMA}.flow_keys (key, tat_ms) VALUES ($1, $2::bigint + $3::bigint)
     ON CONFLICT (key) DO UPDATE SET tat_ms = GREATEST(${SCHEMA}.flow_keys.tat_ms, $2::bigint) + $3::bigint
     RETURNING tat_ms::text`,
    [gcra.key, Math.round(nowMs), gcra.emissionMs],
  );
  const tat = Number(rows[0].tat_ms);
  return Math.max(nowMs, tat - gcra.toleranceMs);
}

/**
 * Singleton (pkg/execution/singleton/singleton.go): one unfinished run per
 * function and key. A key expression that evaluates to false means "not a
 * singleton". Mode "skip" drops the new run while one is unfinished; mode
 * "cancel" cancels the unfinished one and starts the new run.
 * Returns what to do; the caller holds the key's row lock until it commits.
 */
export async function claimSingleton(
  q: Queryable,
  fn: RegisteredFunction,
  event: StoredEvent,
): Promise<{ action: "none" } | { action: "skip"; holder: string } | { action: "run"; key: string; cancel?: string }> {
  const rule = fn.config.singleton;
  if (!rule) return { action: "none" };
  const value = rule.key ? expressionKey(rule.key, { event }) : "";
  if (value === "false") return { action: "none" };
  const key = `${fn.id}:${value}`;
  await q.query(`INSERT INTO ${SCHEMA}.singletons (key, run_id) VALUES ($1, NULL) ON CONFLICT (key) DO NOTHING`, [key]);
  const { rows } = await q.query(
    `SELECT s.run_id, r.status FROM ${SCHEMA}.singletons s LEFT JOIN ${SCHEMA}.runs r ON r.id = s.run_id
     WHERE s.key = $1 FOR UPDATE OF s`,
    [key],
  );
  const holder = rows[0]?.run_id as string | null;
  const active = holder && (rows[0].status === "queued" || rows[0].status === "running");
  if (!active) return { action: "run", key };
  if (rule.mode === "cancel") return { action: "run", key, cancel: holder };
  return { action: "skip", holder };
}

export async function holdSingleton(q: Queryable, key: string, runId: string): Promise<void> {
  await q.query(`UPDATE ${SCHEMA}.singletons SET run_id = $2 WHERE key = $1`, [key, runId]);
}

/** The concurrency scopes a run's calls count against (Inngest allows up to two). */
export function concurrencySlots(fn: RegisteredFunction, event: StoredEvent): ConcurrencySlot[] {
  const raw = fn.config.concurrency;
  if (raw === undefined || raw === null) return [];
  const list = typeof raw === "number" ? [{ limit: raw }] : Array.isArray(raw) ? raw : [raw];
  const slots: ConcurrencySlot[] = [];
  for (const option of list) {
    if (!option || !(option.limit > 0)) continue;
    const key = option.key ? expressionKey(option.key, { event }) : "";
    const scope =
      option.scope === "env" || option.scope === "account" ? `${option.scope}:${option.key ?? ""}:${key}` : `fn:${fn.id}:${key}`;
    slots.push({ scope, limit: option.limit });
  }
  return slots;
}
