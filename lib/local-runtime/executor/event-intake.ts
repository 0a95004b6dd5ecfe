import type { Queryable } from "./database";
import { isDatabaseUnavailable } from "./db-timeouts";
import { storeEvents, type IncomingEvent, type PreparedEvent, prepareEvents } from "./event-store";

// Group commit for the event API. Storing one event costs about 5 ms on the
// embedded database, nearly all of it fixed per statement (planning, the
// commit), while a statement of ten events costs 0.6 ms per event. So requests
// that arrive while a store is in flight wait for it and are then stored
// together, in arrival order, as one statement. A lone request is stored at
// once: no timer, no added latency when the API is quiet (issue 10 item 4).

interface Waiting {
  rows: PreparedEvent[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface EventIntakeOptions {
  /** Inngest's event-id de-duplication window, scaled like every other period. */
  dedupeWindowMs: number;
  /** Called after each statement that stored events: new routing jobs are queued. */
  onStored(): void;
  /** Most events in one statement; default 500. */
  maxEventsPerStatement?: number;
}

export class EventIntake {
  private waiting: Waiting[] = [];
  private storing = false;

  constructor(
    private readonly db: Queryable,
    private readonly options: EventIntakeOptions,
  ) {}

  /** Resolves with the events' ids once they are stored (durable), in the order given. */
  accept(events: IncomingEvent[], options: { idSeed?: string } = {}): Promise<string[]> {
    const rows = prepareEvents(events, options);
    if (rows.length === 0) return Promise.resolve([]);
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ rows, resolve, reject });
      void this.storeWaiting();
    }).then(() => rows.map((row) => row.id));
  }

  private async storeWaiting(): Promise<void> {
    if (this.storing) return;
    this.storing = true;
    try {
      while (this.waiting.length > 0) await this.storeGroup(this.takeGroup());
    } finally {
      this.storing = false;
    }
  }

  /** The oldest waiting requests, up to the statement's size (always at least one). */
  private takeGroup(): Waiting[] {
    const max = this.options.maxEventsPerStatement ?? 500;
    let count = 0;
    let taken = 0;
    while (taken < this.waiting.length && (taken === 0 || count + this.waiting[taken].rows.length <= max)) {
      count += this.waiting[taken].rows.length;
      taken++;
    }
    return this.waiting.splice(0, taken);
  }

  private async storeGroup(group: Waiting[]): Promise<void> {
    try {
      await storeEvents(
        this.db,
        group.flatMap((request) => request.rows),
        this.options.dedupeWindowMs,
      );
      for (const request of group) request.resolve();
      this.options.onStored();
    } catch (error) {
      // With the database down every request fails alike. Otherwise one request's
      // events may be what the statement refused: store each request alone, so
      // only that one fails.
      if (group.length === 1 || isDatabaseUnavailable(error)) {
        for (const request of group) request.reject(error);
      } else {
        for (const request of group) await this.storeGroup([request]);
      }
    }
  }
}
