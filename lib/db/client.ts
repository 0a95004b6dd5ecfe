import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";
import { databaseUrl } from "./database-url";
import { databaseTimeouts } from "./timeouts";
import type { PoolConfig } from "pg";
import { StallSafeClient, type StallSafeClientConfig } from "./stall-safe-client";

export * from "./generated/client";

export type Db = PrismaClient;

/** A client of its own, for code that talks to a database other than the process default (the run command, tests). */
export function createPrismaClient(connectionString = databaseUrl()): PrismaClient {
  // A small pool: the embedded PGlite server runs one statement at a time anyway.
  // Connect and statement timeouts so a stalled database fails requests instead of hanging them (lib/db/timeouts.ts).
  // A statement that times out takes its connection with it (StallSafeClient), so a transaction cut short rolls back fully.
  const poolConfig: PoolConfig & StallSafeClientConfig = {
    connectionString,
    max: Number(process.env.DATABASE_POOL_MAX ?? 5),
    Client: StallSafeClient,
    // Prisma releases a transaction's connection only after a successful COMMIT/ROLLBACK (see stall-safe-client.ts).
    releaseWhenCommitLost: true,
    ...databaseTimeouts(),
  };
  const adapter = new PrismaPg(poolConfig);
  return new PrismaClient({ adapter });
}

// Reused across hot reloads in development so connections are not leaked.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

export const prisma: PrismaClient = globalForPrisma.prisma ?? createPrismaClient();

if (process.env.NODE_ENV !== "production") globalForPrisma.prisma = prisma;
