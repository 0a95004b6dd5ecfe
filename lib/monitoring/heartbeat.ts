// Periodic jobs stamp a heartbeat; readers judge the scheduler by its age.
import type { Db } from "../db/client";

export const MONITORING_HEARTBEAT = "monitoring-evaluate";
/** The monitoring cron runs every minute: three missed ticks mean cron is not running. */
export const HEARTBEAT_STALE_MS = 3 * 60_000;

export async function recordHeartbeat(db: Db, name: string, at: Date): Promise<void> {
  await db.monitorHeartbeat.upsert({ where: { name }, create: { name, at }, update: { at } });
}

export async function readHeartbeat(db: Db, name: string): Promise<Date | null> {
  return (await db.monitorHeartbeat.findUnique({ where: { name } }))?.at ?? null;
}
