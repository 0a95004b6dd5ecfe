// PGlite is one Postgres session; pglite-socket shares it between client
// connections by queueing their protocol messages. Its own queue interleaves
// messages of different clients inside an extended-protocol sequence
// (Parse/Bind/Execute … Sync), so one client's Bind can meet another's unnamed
// statement ("bind message supplies 2 parameters, but prepared statement
// requires 1", "invalid message format"). This queue hands the session to one
// client from its first message of a sequence until its Sync, and for the whole
// of an open transaction, which is what a real server's separate sessions give.
//
// It also hands a sequence to PGlite in one call. pglite-socket passes each
// message on by itself, and every call into PGlite has a fixed cost, so a
// parameterised query (Parse, Bind, Describe, Execute, Sync) cost five: 1.8 ms
// against 0.7 ms for a simple query. Parse, Bind, Describe, Execute and Close
// are held per client (answered at once: they produce no output until a Sync
// or Flush) and run together with the Sync or Flush that ends them. PGlite
// runs every message of a buffer in one call, as a server reads a socket.
import type { PGlite } from "@electric-sql/pglite";

interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  /** The type of the last message in `message` (it may hold a held sequence plus its Sync). */
  lastType: number;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
}

// Messages that leave the session mid-sequence until Sync: a Flush ends a held
// Parse … Execute without ending its sequence, and COPY data runs until its end.
const SEQUENCE_MESSAGES = new Set(["H", "d", "c", "f"].map((c) => c.charCodeAt(0)));
const SYNC = "S".charCodeAt(0);
const TERMINATE = "X".charCodeAt(0);
// Held until the Sync or Flush that ends their sequence: no output of their own before it.
const HELD_MESSAGES = new Set(["P", "B", "D", "E", "C"].map((c) => c.charCodeAt(0)));

export class SessionQueue {
  private queue: QueuedMessage[] = [];
  private processing = false;
  /** The client holding the session: mid-sequence or inside a transaction. */
  private owner: number | null = null;
  /** Per client: the messages of a sequence not yet ended by its Sync or Flush. */
  private held = new Map<number, Uint8Array[]>();

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    const type = message[0];
    const held = this.held.get(handlerId);
    if (HELD_MESSAGES.has(type)) {
      if (held) held.push(message);
      else this.held.set(handlerId, [message]);
      return Promise.resolve(0);
    }
    if (held) this.held.delete(handlerId);
    const combined = held ? Buffer.concat([...held, message]) : message;
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message: combined, lastType: type, onData, resolve, reject });
      void this.processQueue();
    });
  }

  getQueueLength(): number {
    return this.queue.length;
  }

  clearQueueForHandler(handlerId: number): void {
    this.held.delete(handlerId);
    this.queue = this.queue.filter((item) => {
      if (item.handlerId !== handlerId) return true;
      item.reject(new Error("Handler disconnected"));
      return false;
    });
  }

  /** A client that disconnects while holding the session gives it back, rolling back its transaction. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    if (this.db.isInTransaction()) await this.db.exec("ROLLBACK");
    this.owner = null;
    await this.processQueue();
  }

  private next(): QueuedMessage | undefined {
    if (this.owner === null) return this.queue.shift();
    const index = this.queue.findIndex((item) => item.handlerId === this.owner);
    return index === -1 ? undefined : this.queue.splice(index, 1)[0];
  }

  private async processQueue(): Promise<void> {
    if (this.processing) return;
    this.processing = true;
    try {
      for (let item = this.next(); item; item = this.next()) {
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item!.message, {
              onRawData: (data: Uint8Array) => {
                bytes += data.length;
                item!.onData(data);
              },
            }),
          );
          item.resolve(bytes);
        } catch (error) {
          item.reject(error);
        }
        this.owner = this.ownerAfter(item);
      }
    } finally {
      this.processing = false;
    }
  }

  private ownerAfter(item: QueuedMessage): number | null {
    const type = item.lastType;
    if (type === TERMINATE) return null;
    if (SEQUENCE_MESSAGES.has(type)) return item.handlerId;
    if (type === SYNC || this.owner === item.handlerId || this.owner === null) {
      return this.db.isInTransaction() ? item.handlerId : null;
    }
    return this.owner;
  }
}
