import { prisma } from "../db/client";

export async function checkHealth(): Promise<{ ok: boolean; database: "up" | "down"; time: string }> {
  let database: "up" | "down" = "up";
  try {
    await prisma.$queryRaw`SELECT 1`;
  } catch {
    database = "down";
  }
  return { ok: database === "up", database, time: new Date().toISOString() };
}
