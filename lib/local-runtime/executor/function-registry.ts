import { z } from "zod";
import { SCHEMA, withTransaction, type Db } from "./database";
import { assertExpressionsCompile } from "./expression-validation";
import { DEFAULT_POLICY, type ExecutionPolicy } from "./execution-policy";
import { assertFunctionsValid, FunctionConfigError } from "./function-validation";
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

  /**
   * `appOrigin`: the origin of the app URL the executor was started with. A
   * registration naming any other origin is refused, so nobody who can reach
   * the app (or the executor) can point the signed calls at a host of their choosing.
   */
  constructor(
    private readonly db: Db,
    readonly policy: ExecutionPolicy = DEFAULT_POLICY,
    private readonly appOrigin?: string,
  ) {}

  get(id: string): RegisteredFunction | undefined {
    return this.byId.get(id);
  }

  all(): RegisteredFunction[] {
    return [...this.byId.values()];
  }

  async load(): Promise<void> {
    const { rows } = await this.db.query(`SELECT id, app_id, name, url, config, version FROM ${SCHEMA}.functions`);
    this.byId = new Map(
      rows.map((r) => [
        r.id,
        {
          id: r.id,
          appId: r.app_id,
          name: r.name,
          url: r.url,
          config: r.config as FunctionConfig,
          version: r.version,
          policy: this.policy,
        },
      ]),
    );
  }

  /**
   * Replaces one app's functions with what it just registered, after the
   * checks Inngest's sync makes (FunctionConfigError lists every problem; then
   * nothing changes). A function whose configuration changed gets a new version;
   * runs keep the version (and so the retries, concurrency) they started with.
   */
  async register(body: RegisterBody): Promise<RegisteredFunction[]> {
    if (this.appOrigin && new URL(body.url).origin !== this.appOrigin) {
      throw new FunctionConfigError([`app URL ${new URL(body.url).origin} is not the app URL this executor serves (${this.appOrigin})`]);
    }
    assertFunctionsValid(body.functions as unknown as FunctionConfig[], this.appOrigin);
    assertExpressionsCompile(body.functions as unknown as FunctionConfig[]);
    const functions: RegisteredFunction[] = body.functions.map((fn) => {
      const config = fn as unknown as FunctionConfig;
      const step = Object.values(config.steps)[0];
      return { id: config.id, appId: body.appName, name: config.name ?? config.id, url: step?.runtime.url ?? body.url, config };
    });
    await withTransaction(this.db, async (tx) => {
      await tx.query(`DELETE FROM ${SCHEMA}.functions WHERE app_id = $1 AND NOT (id = ANY($2::text[]))`, [
        body.appName,
        functions.map((f) => f.id),
      ]);
      for (const fn of functions) {
        await tx.query(
          `INSERT INTO ${SCHEMA}.functions (id, app_id, name, url, config, updated_at, version)
           VALUES ($1, $2, $3, $4, $5, now(), COALESCE((SELECT version + CASE WHEN config = $5::jsonb THEN 0 ELSE 1 END FROM ${SCHEMA}.functions WHERE id = $1), 1))
           ON CONFLICT (id) DO UPDATE SET app_id = EXCLUDED.app_id, name = EXCLUDED.name, url = EXCLUDED.url, config = EXCLUDED.config, updated_at = now(), version = EXCLUDED.version`,
          [fn.id, fn.appId, fn.name, fn.url, JSON.stringify(fn.config)],
        );
      }
    });
    await this.load();
    return functions;
  }
}
