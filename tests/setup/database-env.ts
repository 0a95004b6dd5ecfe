import { inject } from "vitest";

// Must run before any module creates a Prisma client.
process.env.DATABASE_URL = inject("databaseUrl");
