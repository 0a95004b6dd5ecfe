import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";
import { databaseUrl } from "./database-url";

export * from "./generated/client";

function createPrismaClient() {
  // A small pool: the embedded PGlite server runs one statement at a time anyway.
  const adapter = new PrismaPg({ connectionString: databaseUrl(), max: Number(process.env.DATABASE_POOL_MAX ?? 5) });
  return new PrismaClient({ adapter });
}

// Reused across hot reloads in development so connections are not leaked.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

export const prisma: PrismaClient = globalForPrisma.prisma ?? createPrismaClient();

if (process.env.NODE_ENV !== "production") globalForPrisma.prisma = prisma;
