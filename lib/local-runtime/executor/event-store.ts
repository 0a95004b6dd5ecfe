import { z } from "zod";
import { SCHEMA, withTransaction, type Db, type Queryable, type Tx } from "./database";
import { idFromSeed, newId } from "./ids";
import type { StoredEvent } from "./types";

// Accepting an event = one INSERT of the event rows plus their routing jobs in
// a single statement: once the SDK gets its ids back, the event is durable and
// will be routed even if the executor dies right after answering.

export const incomingEventSchema = z
  .object({
    name: z.string().min(1),
    data: z.record(z.string(), z.unknown()).nullish(),
    id: z.string().min(1).optional(),
    ts: z.number().optional(),
    user: z.unknown().optional(),
    v: z.string().optional(),
  })
  .passthrough();

export const incomingEventsSchema = z.union([incomingEventSchema, z.array(incomingEventSchema)]);

export type IncomingEvent = z.infer<typeof incomingEventSchema>;

/** Inngest de-duplicates events by id for 24 hours (its documented event-id de-duplication window). */
export const EVENT_DEDUPE_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Stores events and queues their routing. An event carrying an `id` seen
 * within the de-duplication window (24 h) is kept in event_archive as a
 * duplicate and triggers nothing; its id is still returned. After the window
 * the same id is a new event (the old row moves to event_archive).
 */
export async function acceptEvents(
  q: Queryable,
  events: IncomingEvent[],
  options: { idSeed?: string; dedupeWindowMs?: number } = {},
): Promise<string[]> {
  const nowMs = Date.now();
  const rows = events.map((event, index) => {
    const id = event.id ?? (options.idSeed ? idFromSeed(options.idSeed, index) : undefined) ?? newId(nowMs);
    const payload: StoredEvent = { ...event, id, name: event.name, data: (event.data ?? {}) as Record<string, unknown>, ts: event.ts ?? nowMs };
    return { id, name: event.name, payload };
  });
  if (rows.length === 0) return [];
  const windowMs = options.dedupeWindowMs ?? EVENT_DEDUPE_WINDOW_MS;
  const store = async (tx: Queryable) => {
    await tx.query(
      `WITH input AS (SELECT DISTINCT id FROM jsonb_to_recordset($1::jsonb) AS x(id text)),
       expired AS (
         DELETE FROM ${SCHEMA}.events e USING input
         WHERE e.id = input.id AND e.received_at < now() - $2::double precision * interval '1 millisecond'
         RETURNING e.id, e.name, e.payload, e.received_at)
       INSERT INTO ${SCHEMA}.event_archive (id, name, payload, reason, received_at)
       SELECT id, name, payload, 'superseded: the same id arrived after the de-duplication window', received_at FROM expired`,
      [JSON.stringify(rows.map((r) => ({ id: r.id }))), windowMs],
    );
    await tx.query(
      `WITH input AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id text, name text, payload jsonb)),
       inserted AS (
         INSERT INTO ${SCHEMA}.events (id, name, payload) SELECT id, name, payload FROM input
         ON CONFLICT (id) DO NOTHING RETURNING id),
       queued AS (INSERT INTO ${SCHEMA}.jobs (kind, event_id) SELECT 'event', id FROM inserted)
       INSERT INTO ${SCHEMA}.event_archive (id, name, payload, reason)
       SELECT id, name, payload, 'duplicate: an event with this id arrived within the de-duplication window'
       FROM input WHERE NOT EXISTS (SELECT 1 FROM inserted WHERE inserted.id = input.id)`,
      [JSON.stringify(rows)],
    );
  };
  if (typeof (q as Tx).release === "function") await store(q);
  else await withTransaction(q as Db, store);
  return rows.map((r) => r.id);
}

export async function loadEvent(q: Queryable, id: string): Promise<StoredEvent | undefined> {
  const { rows } = await q.query(`SELECT payload FROM ${SCHEMA}.events WHERE id = $1`, [id]);
  return rows[0]?.payload as StoredEvent | undefined;
}
