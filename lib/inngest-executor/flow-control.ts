import { SCHEMA, type Queryable } from "./database";
import { parseDurationMs } from "./duration";
import { expressionKey } from "./expression";
import type { ConcurrencySlot, RegisteredFunction, StoredEvent } from "./types";

// Admission rules applied when a run is created. Throttle and rate limit use
// GCRA (one "theoretical arrival time" per key, updated by a single atomic
// statement), so they hold across executors and restarts.

const IDEMPOTENCY_TTL = "24 hours";

/** false when a run with the same idempotency key started within 24 hours. */
export async function claimIdempotencyKey(q: Queryable, fn: RegisteredFunction, event: StoredEvent): Promise<boolean> {
  const expression = fn.config.idempotency;
  if (!expression) return true;
  const key = `${fn.id}:${expressionKey(expression, { event })}`;
  const { rowCount } = await q.query(
    `INSERT INTO ${SCHEMA}.idempotency_keys (key, expires_at) VALUES ($1, now() + interval '${IDEMPOTENCY_TTL}')
     ON CONFLICT (key) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE ${SCHEMA}.idempotency_keys.expires_at < now()`,
    [key],
  );
  return (rowCount ?? 0) > 0;
}

function flowKey(kind: string, fn: RegisteredFunction, keyExpression: string | undefined, event: StoredEvent): string {
  return `${kind}:${fn.id}:${keyExpression ? expressionKey(keyExpression, { event }) : ""}`;
}

/** false when the function's rateLimit is used up for this key: the event is skipped, as Inngest does. */
export async function passesRateLimit(q: Queryable, fn: RegisteredFunction, event: StoredEvent, nowMs: number): Promise<boolean> {
  const rule = fn.config.rateLimit;
  if (!rule) return true;
  const periodMs = parseDurationMs(rule.period) ?? 60_000;
  const intervalMs = periodMs / Math.max(1, rule.limit);
  const { rowCount } = await q.query(
    `INSERT INTO ${SCHEMA}.flow_keys (key, tat_ms) VALUES ($1, $2::bigint + $3::bigint)
     ON CONFLICT (key) DO UPDATE SET tat_ms = GREATEST(${SCHEMA}.flow_keys.tat_ms, $2::bigint) + $3::bigint
     WHERE GREATEST(${SCHEMA}.flow_keys.tat_ms, $2::bigint) + $3::bigint - $2::bigint <= $4::bigint`,
    [flowKey("rate", fn, rule.key, event), Math.round(nowMs), Math.round(intervalMs), Math.round(periodMs)],
  );
  return (rowCount ?? 0) > 0;
}

/**
 * When the run may start under the function's throttle: runs are spaced
 * period/limit apart, with `burst` (default 1) allowed back to back. Throttled
 * runs wait; they are never dropped.
 */
export async function throttledStartMs(q: Queryable, fn: RegisteredFunction, event: StoredEvent, nowMs: number): Promise<number> {
  const rule = fn.config.throttle;
  if (!rule) return nowMs;
  const periodMs = parseDurationMs(rule.period) ?? 60_000;
  const intervalMs = Math.round(periodMs / Math.max(1, rule.limit));
  const burst = Math.max(1, rule.burst ?? 1);
  const { rows } = await q.query(
    `INSERT INTO ${SCHEMA}.flow_keys (key, tat_ms) VALUES ($1, $2::bigint + $3::bigint)
     ON CONFLICT (key) DO UPDATE SET tat_ms = GREATEST(${SCHEMA}.flow_keys.tat_ms, $2::bigint) + $3::bigint
     RETURNING tat_ms::text`,
    [flowKey("throttle", fn, rule.key, event), Math.round(nowMs), intervalMs],
  );
  const tat = Number(rows[0].tat_ms);
  return Math.max(nowMs, tat - burst * intervalMs);
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
    const scope = option.scope === "env" || option.scope === "account" ? `${option.scope}:${option.key ?? ""}:${key}` : `fn:${fn.id}:${key}`;
    slots.push({ scope, limit: option.limit });
  }
  return slots;
}
