// On-demand logistics lookup by order code (seed 002 sync_type "logistics"):
// one call, recorded as a HaierSyncLog of one item.
import type { Db } from "../db/client";
import type { HaierClient } from "./client";
import { errorKindOf } from "./errors";
import { completeSyncLog, createSyncLog, failSyncLog, markSyncStarted } from "./sync/sync-log";
import { emptyCounts } from "./sync/types";

export interface LogisticsLookup {
  logId: number;
  ok: boolean;
  data?: unknown;
  error?: { kind: string; message: string };
}

export async function lookupLogistics(
  deps: { db: Db; client: HaierClient },
  orderCode: string,
  triggeredBy: string,
): Promise<LogisticsLookup> {
  const { db, client } = deps;
  const log = await createSyncLog(db, { syncType: "logistics", triggeredBy, options: { orderCode } });
  await markSyncStarted(db, log.id, null);
  const before = client.metrics();
  try {
    const data = await client.getLogistics(orderCode);
    const after = client.metrics();
    const counts = {
      ...emptyCounts(),
      total: 1,
      success: 1,
      apiCalls: after.calls - before.calls,
      apiLatencyMs: after.latencyMs - before.latencyMs,
    };
    await completeSyncLog(db, log.id, `logistics ${orderCode}`, counts);
    return { logId: log.id, ok: true, data };
  } catch (error) {
    const kind = errorKindOf(error);
    const message = (error as Error).message;
    const after = client.metrics();
    const counts = {
      ...emptyCounts(),
      total: 1,
      failed: 1,
      apiCalls: after.calls - before.calls,
      apiLatencyMs: after.latencyMs - before.latencyMs,
      failuresByKind: { [kind]: 1 },
    };
    await failSyncLog(db, log.id, kind, `logistics ${orderCode}: ${message}`, counts);
    return { logId: log.id, ok: false, error: { kind, message } };
  }
}
