import { SCHEMA, withTransaction, type Db } from "./database";
import { nextCronTime, parseCron } from "./cron";
import type { FunctionRegistry } from "./function-registry";
import { createRun } from "./run-store";
import type { StoredEvent } from "./types";

// Cron triggers: each (function, expression) has a next_at row. Firing moves
// next_at forward with a compare-and-set in the same transaction that creates
// the run, so two executors (or a restart) never fire a tick twice. Ticks
// missed while no executor ran are skipped, as Inngest does.

function cronTriggersOf(registry: FunctionRegistry): Array<{ functionId: string; expression: string }> {
  return registry
    .all()
    .flatMap((fn) => fn.config.triggers.flatMap((t) => ("cron" in t ? [{ functionId: fn.id, expression: t.cron }] : [])));
}

export async function syncCronSchedules(db: Db, registry: FunctionRegistry): Promise<string[]> {
  const problems: string[] = [];
  const wanted = cronTriggersOf(registry);
  const keep: string[] = [];
  for (const { functionId, expression } of wanted) {
    let nextMs: number | undefined;
    try {
      nextMs = nextCronTime(parseCron(expression), Date.now());
    } catch (error) {
      problems.push(`${functionId}: ${(error as Error).message}`);
      continue;
    }
    if (nextMs === undefined) continue;
    keep.push(`${functionId}\n${expression}`);
    await db.query(
      `INSERT INTO ${SCHEMA}.crons (function_id, expression, next_at) VALUES ($1, $2, to_timestamp($3::double precision / 1000))
       ON CONFLICT (function_id, expression) DO NOTHING`,
      [functionId, expression, nextMs],
    );
  }
  await db.query(`DELETE FROM ${SCHEMA}.crons WHERE NOT (function_id || chr(10) || expression = ANY($1::text[]))`, [keep]);
  return problems;
}

export async function fireDueCrons(db: Db, registry: FunctionRegistry): Promise<number> {
  const { rows } = await db.query(
    `SELECT function_id, expression, (EXTRACT(EPOCH FROM next_at) * 1000)::float8 AS due_ms FROM ${SCHEMA}.crons WHERE next_at <= now()`,
  );
  let fired = 0;
  for (const row of rows) {
    const fn = registry.get(row.function_id);
    if (!fn) continue;
    const nextMs = nextCronTime(parseCron(row.expression), Math.max(Date.now(), Number(row.due_ms)));
    await withTransaction(db, async (tx) => {
      const moved = await tx.query(
        `UPDATE ${SCHEMA}.crons SET next_at = COALESCE(to_timestamp($3::double precision / 1000), 'infinity')
         WHERE function_id = $1 AND expression = $2 AND round(EXTRACT(EPOCH FROM next_at) * 1000) = round($4::float8)`,
        [row.function_id, row.expression, nextMs ?? null, Number(row.due_ms)],
      );
      if (!moved.rowCount) return;
      const dueMs = Math.round(Number(row.due_ms));
      const event: StoredEvent = {
        id: `cron-${row.function_id}-${dueMs}`,
        name: "inngest/scheduled.timer",
        data: { cron: row.expression },
        ts: dueMs,
      };
      await tx.query(`INSERT INTO ${SCHEMA}.events (id, name, payload) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING`, [
        event.id,
        event.name,
        JSON.stringify(event),
      ]);
      if (await createRun(tx, { fn, event, trigger: `cron: ${row.expression}` })) fired++;
    });
  }
  return fired;
}
