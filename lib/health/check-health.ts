import { prisma } from "../db/client";
import { withDeadline } from "../db/timeouts";

// Load balancers and the run command want an answer within 2 s even when the database hangs.
const HEALTH_DB_DEADLINE_MS = Number(process.env.HEALTH_DB_TIMEOUT_MS ?? 1500);

export async function checkHealth(
  db: Pick<typeof prisma, "$queryRaw"> = prisma,
): Promise<{ ok: boolean; database: "up" | "down"; time: string }> {
  let database: "up" | "down" = "up";
  try {
    await withDeadline("the database health check", HEALTH_DB_DEADLINE_MS, db.$queryRaw`SELECT 1`);
  } catch {
    database = "down";
  }
  return { ok: database === "up", database, time: new Date().toISOString() };
}
