// A sync started by hand (page, API, CLI): its HaierSyncLog is written pending
// with the real sync_type and who asked, then the engine is told. The event id
// is derived from the log, so a re-sent request cannot start a second run.
import type { Db } from "../db/client";
import { HAIER_SYNC_REQUESTED_EVENT, type HaierSyncRequestedData } from "./events";
import { createSyncLog } from "./sync/sync-log";
import type { HaierSyncRequest } from "./sync/types";

export type SendEvent = (event: { name: string; data: HaierSyncRequestedData; id: string }) => Promise<{ ids: string[] }>;

export async function queueHaierSync(deps: { db: Db; send: SendEvent }, request: HaierSyncRequest, triggeredBy: string) {
  const log = await createSyncLog(deps.db, { syncType: request.syncType, triggeredBy, options: request });
  try {
    const sent = await deps.send({ name: HAIER_SYNC_REQUESTED_EVENT, data: { ...request, logId: log.id }, id: `haier-sync-log-${log.id}` });
    return { logId: log.id, eventId: sent.ids[0] ?? null };
  } catch (error) {
    await deps.db.haierSyncLog.update({
      where: { id: log.id },
      data: { status: "failed", message: `other: could not queue the sync: ${(error as Error).message}`, completedAt: new Date() },
    });
    throw error;
  }
}
