import pg from "pg";

/** A direct SQL connection to a platform's database, to arrange data and check outcomes. */
export async function withSql<T>(databaseUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function waitFor<T>(
  check: () => Promise<T | null | undefined | false>,
  options: { timeoutMs: number; what: string },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`Timed out waiting for ${options.what}${last ? `: ${(last as Error).message}` : ""}`);
}
