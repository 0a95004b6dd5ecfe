import { z } from "zod";
import { SCHEMA, type Queryable } from "./database";
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

/**
 * Stores events and queues their routing. An event carrying an `id` that was
 * seen before is not stored again (Inngest's event de-duplication); its id is
 * still returned.
 */
export async function acceptEvents(q: Queryable, events: IncomingEvent[], options: { idSeed?: string } = {}): Promise<string[]> {
  const nowMs = Date.now();
  const rows = events.map((event, index) => {
    const id = event.id ?? (options.idSeed ? idFromSeed(options.idSeed, index) : undefined) ?? newId(nowMs);
    const payload: StoredEvent = { ...event, id, name: event.name, data: (event.data ?? {}) as Record<string, unknown>, ts: event.ts ?? nowMs };
    return { id, name: event.name, payload };
  });
  if (rows.length === 0) return [];
  await q.query(
    `WITH input AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id text, name text, payload jsonb)),
     inserted AS (
       INSERT INTO ${SCHEMA}.events (id, name, payload) SELECT id, name, payload FROM input
       ON CONFLICT (id) DO NOTHING RETURNING id)
     INSERT INTO ${SCHEMA}.jobs (kind, event_id) SELECT 'event', id FROM inserted`,
    [JSON.stringify(rows)],
  );
  return rows.map((r) => r.id);
}

export async function loadEvent(q: Queryable, id: string): Promise<StoredEvent | undefined> {
  const { rows } = await q.query(`SELECT payload FROM ${SCHEMA}.events WHERE id = $1`, [id]);
  return rows[0]?.payload as StoredEvent | undefined;
}
