// The embedded database process: a PGlite data folder served over the Postgres
// wire protocol (like the `pglite-server` binary, with a session-safe queue and
// password authentication).
//   EMBEDDED_DB_PASSWORD=… node --import tsx lib/local-runtime/database/pglite/serve-pglite.ts --db ./.data/pg --port 54329
// The password comes from the environment (the platform passes the one in
// secrets.json), never from the command line, where `ps` would show it.
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { chmodSync, mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import type { Socket } from "node:net";
import { parseArgs } from "node:util";
import { authenticateConnection } from "./password-auth";
import { SessionQueue } from "./session-queue";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "memory://" },
    port: { type: "string", default: "54329" },
    host: { type: "string", default: "127.0.0.1" },
    user: { type: "string", default: "postgres" },
    "max-connections": { type: "string", default: "32" },
  },
});

const password = process.env.EMBEDDED_DB_PASSWORD ?? "";
if (password.length < 12) {
  console.error("EMBEDDED_DB_PASSWORD must hold the database password (at least 12 characters); refusing to serve without one.");
  process.exit(2);
}
delete process.env.EMBEDDED_DB_PASSWORD;

// Files PGlite creates are readable by this user only; the folder too, on every start.
process.umask(0o077);
if (!values.db.includes("://")) {
  mkdirSync(values.db, { recursive: true, mode: 0o700 });
  chmodSync(values.db, 0o700);
}

// pg_trgm backs the substring searches (a migration creates the extension and its indexes).
const db = new PGlite(values.db, { extensions: { pg_trgm } });
await db.waitReady;
// PGlite writes some files with explicit modes (0666); the folder's 0700 already
// hides them, and this keeps them private should it ever be loosened.
if (!values.db.includes("://")) tightenModes(values.db);

function tightenModes(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      chmodSync(full, 0o700);
      tightenModes(full);
    } else if (entry.isFile()) chmodSync(full, 0o600);
  }
}
const server = new PGLiteSocketServer({
  db,
  port: Number(values.port),
  host: values.host,
  maxConnections: Number(values["max-connections"]),
});
// Replaced before any connection exists: handlers take the server's queue when they attach.
(server as unknown as { queryQueue: SessionQueue }).queryQueue = new SessionQueue(db);

// Every connection authenticates before pglite-socket sees it.
type ConnectionHandler = (socket: Socket) => Promise<void>;
const internals = server as unknown as { handleConnection: ConnectionHandler };
const handOver = internals.handleConnection.bind(server);
internals.handleConnection = async (socket: Socket) => {
  const replay = await authenticateConnection(socket, { user: values.user, password });
  if (!replay) return;
  await handOver(socket);
  socket.emit("data", replay);
  socket.resume();
};

await server.start();
console.log(`PGlite serving ${values.db} on ${values.host}:${values.port} (password required)`);

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
