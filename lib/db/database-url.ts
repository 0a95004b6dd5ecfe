// The embedded PGlite server listens here unless DATABASE_URL names another Postgres.
export const EMBEDDED_DB_PORT = Number(process.env.EMBEDDED_DB_PORT ?? 54329);

export function databaseUrl(): string {
  return (
    process.env.DATABASE_URL ??
    `postgres://postgres:postgres@127.0.0.1:${EMBEDDED_DB_PORT}/postgres`
  );
}
