// Several clients share the embedded PGlite session at once, the way the app,
// the executor and the run command do. Every query must get its own answer.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../../../lib/local-runtime/database/embedded-postgres";
import { freePort } from "../../../lib/local-runtime/platform/wait-for-port";

describe("embedded Postgres shared by concurrent clients", () => {
  let db: EmbeddedPostgres;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), "resale-ops-pglite-"));
    db = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    const setup = new pg.Client({ connectionString: db.url });
    await setup.connect();
    await setup.query("CREATE TABLE counter (id int primary key, n int not null)");
    await setup.query("INSERT INTO counter VALUES (1, 0)");
    await setup.end();
  });

  afterAll(async () => {
    await db?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("keeps each client's parameterised queries and transactions apart", async () => {
    const clients = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const client = new pg.Client({ connectionString: db.url });
        await client.connect();
        return client;
      }),
    );
    const failures: string[] = [];
    const wrongAnswers: string[] = [];
    const transactional = async (client: pg.Client) => {
      for (let i = 0; i < 40; i++) {
        try {
          await client.query("BEGIN");
          await client.query("UPDATE counter SET n = n + $1 WHERE id = $2", [1, 1]);
          const { rows } = await client.query("SELECT $1::int + $2::int AS sum", [i, 1]);
          if (rows[0].sum !== i + 1) wrongAnswers.push(`tx ${i}`);
          await client.query("COMMIT");
        } catch (error) {
          failures.push((error as Error).message);
          await client.query("ROLLBACK").catch(() => {});
        }
      }
    };
    const reader = async (client: pg.Client, offset: number) => {
      for (let i = 0; i < 60; i++) {
        try {
          const { rows } = await client.query("SELECT $1::int * 2 AS doubled", [i + offset]);
          if (rows[0].doubled !== (i + offset) * 2) wrongAnswers.push(`read ${offset}/${i}`);
        } catch (error) {
          failures.push((error as Error).message);
        }
      }
    };
    await Promise.all([transactional(clients[0]), transactional(clients[1]), reader(clients[2], 1000), reader(clients[3], 5000)]);
    const { rows } = await clients[2].query("SELECT n FROM counter WHERE id = 1");
    await Promise.all(clients.map((c) => c.end()));

    expect(failures).toEqual([]);
    expect(wrongAnswers).toEqual([]);
    expect(rows[0].n).toBe(80);
  });

  // A parameterised query reaches PGlite as one buffer (Parse … Sync, see
  // session-queue.ts): an error inside it must end that query only.
  it("answers a failing parameterised query with its error and serves the next ones", async () => {
    const [client, other] = await Promise.all(
      [0, 1].map(async () => {
        const c = new pg.Client({ connectionString: db.url });
        await c.connect();
        return c;
      }),
    );
    try {
      await expect(client.query("SELECT $1::int AS n FROM no_such_table", [1])).rejects.toThrow(/no_such_table/);
      await expect(client.query("SELECT $1::int / 0 AS n", [1])).rejects.toThrow(/division by zero/);
      expect((await client.query("SELECT $1::int + 1 AS n", [41])).rows[0].n).toBe(42);

      // A named statement is parsed once and bound again later.
      const named = { name: "double-it", text: "SELECT $1::int * 2 AS n" };
      expect((await client.query({ ...named, values: [2] })).rows[0].n).toBe(4);
      expect((await client.query({ ...named, values: [21] })).rows[0].n).toBe(42);

      // A failed statement inside a transaction: the transaction is aborted until ROLLBACK, other clients go on.
      await client.query("BEGIN");
      await client.query("UPDATE counter SET n = n + $1 WHERE id = 1", [1000]);
      await expect(client.query("SELECT $1::int / 0", [1])).rejects.toThrow(/division by zero/);
      await expect(client.query("SELECT $1::int", [1])).rejects.toThrow(/current transaction is aborted/);
      const otherRead = other.query("SELECT $1::int AS n", [7]);
      await client.query("ROLLBACK");
      expect((await otherRead).rows[0].n).toBe(7);
      expect((await other.query("SELECT n FROM counter WHERE id = $1", [1])).rows[0].n).toBe(80);
    } finally {
      await Promise.all([client.end(), other.end()]);
    }
  });
});
