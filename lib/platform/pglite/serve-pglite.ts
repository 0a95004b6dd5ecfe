// The embedded database process: a PGlite data folder served over the Postgres
// wire protocol (like the `pglite-server` binary, with a session-safe queue).
//   node --import tsx lib/platform/pglite/serve-pglite.ts --db ./.data/pg --port 54329
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { parseArgs } from "node:util";
import { SessionQueue } from "./session-queue";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "memory://" },
    port: { type: "string", default: "54329" },
    host: { type: "string", default: "127.0.0.1" },
    "max-connections": { type: "string", default: "32" },
  },
});

// pg_trgm backs the substring searches (a migration creates the extension and its indexes).
const db = new PGlite(values.db, { extensions: { pg_trgm } });
await db.waitReady;
const server = new PGLiteSocketServer({ db, port: Number(values.port), host: values.host, maxConnections: Number(values["max-connections"]) });
// Replaced before any connection exists: handlers take the server's queue when they attach.
(server as unknown as { queryQueue: SessionQueue }).queryQueue = new SessionQueue(db);
await server.start();
console.log(`PGlite serving ${values.db} on ${values.host}:${values.port}`);

let closing = false;
async function shutdown() {
  if (closing) return;
  closing = true;
  await server.stop();
  await db.close();
  process.exit(0);
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
