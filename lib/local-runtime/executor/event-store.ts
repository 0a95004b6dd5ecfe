import { z } from "zod";
import { SCHEMA, type Queryable } from "./database";
import { idFromSeed, newId } from "./ids";
import type { StoredEvent } from "./types";

// Accepting an event = one statement storing the event rows plus their routing jobs: once the SDK gets its ids back, the event is durable and
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

/** An event as stored: its id fixed (the sender's, else one from the SDK's seed, else a new one) and its payload complete. */
export interface PreparedEvent {
  id: string;
  name: string;
  payload: StoredEvent;
}

/** Gives each event of one request its id and stored payload; no database work. */
export function prepareEvents(events: IncomingEvent[], options: { idSeed?: string; nowMs?: number } = {}): PreparedEvent[] {
  const nowMs = options.nowMs ?? Date.now();
  return events.map((event, index) => {
    const id = event.id ?? (options.idSeed ? idFromSeed(options.idSeed, index) : undefined) ?? newId(nowMs);
    const payload: StoredEvent = {
      ...event,
      id,
      name: event.name,
      data: (event.data ?? {}) as Record<string, unknown>,
      ts: event.ts ?? nowMs,
    };
    return { id, name: event.name, payload };
  });
}

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
  const rows = prepareEvents(events, options);
  await storeEvents(q, rows, options.dedupeWindowMs);
  return rows.map((r) => r.id);
}

/**
 * Stores prepared events in order, as acceptEvents describes. Earlier events
 * of the list win over later ones with the same id, so the events of several
 * requests stored together behave as if each request had been stored in turn.
 */
export async function storeEvents(q: Queryable, rows: PreparedEvent[], dedupeWindowMs = EVENT_DEDUPE_WINDOW_MS): Promise<void> {
  if (rows.length === 0) return;
  // One statement, so one round trip and atomic without a transaction (the
  // event API's cost is most of a webhook's: issue 10 item 4):
  // - first: the first occurrence of each id in this call (later ones are duplicates);
  // - old: a stored event with that id older than the window (read before the
  //   upsert: all CTEs see the statement's starting snapshot);
  // - stored: new ids inserted, expired ones replaced; an id seen within the
  //   window is left alone (the WHERE of DO UPDATE) and so not returned;
  // - each stored event queues its routing job; a replaced event's old row and
  //   every occurrence that stored nothing go to event_archive.
  await q.query(
    `WITH input AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id text, name text, payload jsonb, ord int)),
     first AS (SELECT DISTINCT ON (id) id, name, payload, ord FROM input ORDER BY id, ord),
     old AS (
       SELECT e.id, e.name, e.payload, e.received_at FROM ${SCHEMA}.events e JOIN first USING (id)
       WHERE e.received_at < now() - $2::double precision * interval '1 millisecond'),
     stored AS (
       INSERT INTO ${SCHEMA}.events AS e (id, name, payload)
       SELECT id, name, payload FROM first ORDER BY ord
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, payload = EXCLUDED.payload, received_at = now()
       WHERE e.received_at < now() - $2::double precision * interval '1 millisecond'
       RETURNING e.id),
     queued AS (
       INSERT INTO ${SCHEMA}.jobs (kind, event_id)
       SELECT 'event', first.id FROM first JOIN stored USING (id) ORDER BY first.ord),
     superseded AS (
       INSERT INTO ${SCHEMA}.event_archive (id, name, payload, reason, received_at)
       SELECT id, name, payload, 'superseded: the same id arrived after the de-duplication window', received_at
       FROM old WHERE id IN (SELECT id FROM stored))
     INSERT INTO ${SCHEMA}.event_archive (id, name, payload, reason)
     SELECT id, name, payload, 'duplicate: an event with this id arrived within the de-duplication window'
     FROM input
     WHERE ord NOT IN (SELECT first.ord FROM first JOIN stored USING (id))
     ORDER BY ord`,
    [JSON.stringify(rows.map((r, ord) => ({ ...r, ord }))), dedupeWindowMs],
  );
}

/** Several stored events by id, in one read. */
export async function loadEvents(q: Queryable, ids: string[]): Promise<Map<string, StoredEvent>> {
  const { rows } = await q.query(`SELECT id, payload FROM ${SCHEMA}.events WHERE id = ANY($1::text[])`, [ids]);
  return new Map(rows.map((row) => [row.id as string, row.payload as StoredEvent]));
}
