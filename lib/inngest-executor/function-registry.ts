import { z } from "zod";
import { SCHEMA, withTransaction, type Db } from "./database";
import { assertExpressionsCompile } from "./expression-validation";
import type { FunctionConfig, RegisteredFunction } from "./types";

// The functions the app registered, kept in Postgres (so a restarted executor
// can run in-flight work before the app answers a sync) and cached in memory.

export const registerBodySchema = z
  .object({
    url: z.string().url(),
    appName: z.string().min(1),
    functions: z.array(
      z
        .object({
          id: z.string().min(1),
          name: z.string().optional(),
          triggers: z.array(z.record(z.string(), z.unknown())).default([]),
          steps: z.record(z.string(), z.object({ runtime: z.object({ url: z.string() }) }).passthrough()),
        })
        .passthrough(),
    ),
  })
  .passthrough();

export type RegisterBody = z.infer<typeof registerBodySchema>;

export class FunctionRegistry {
  private byId = new Map<string, RegisteredFunction>();

  constructor(private readonly db: Db) {}

  get(id: string): RegisteredFunction | undefined {
    return this.byId.get(id);
  }

  all(): RegisteredFunction[] {
    return [...this.byId.values()];
  }

  async load(): Promise<void> {
    const { rows } = await this.db.query(`SELECT id, app_id, name, url, config FROM ${SCHEMA}.functions`);
    this.byId = new Map(
      rows.map((r) => [r.id, { id: r.id, appId: r.app_id, name: r.name, url: r.url, config: r.config as FunctionConfig }]),
    );
  }

  /** Replaces one app's functions with what it just registered. */
  async register(body: RegisterBody): Promise<RegisteredFunction[]> {
    assertExpressionsCompile(body.functions as unknown as FunctionConfig[]);
    const functions: RegisteredFunction[] = body.functions.map((fn) => {
      const config = fn as unknown as FunctionConfig;
      const step = Object.values(config.steps)[0];
      return { id: config.id, appId: body.appName, name: config.name ?? config.id, url: step?.runtime.url ?? body.url, config };
    });
    await withTransaction(this.db, async (tx) => {
      await tx.query(`DELETE FROM ${SCHEMA}.functions WHERE app_id = $1`, [body.appName]);
      for (const fn of functions) {
        await tx.query(
          `INSERT INTO ${SCHEMA}.functions (id, app_id, name, url, config, updated_at) VALUES ($1, $2, $3, $4, $5, now())
           ON CONFLICT (id) DO UPDATE SET app_id = EXCLUDED.app_id, name = EXCLUDED.name, url = EXCLUDED.url, config = EXCLUDED.config, updated_at = now()`,
          [fn.id, fn.appId, fn.name, fn.url, JSON.stringify(fn.config)],
        );
      }
    });
    await this.load();
    return functions;
  }
}
