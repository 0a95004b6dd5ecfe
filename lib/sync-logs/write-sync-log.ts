// One writer for every SyncLog row. The jobId column copies details.job_id only
// for processed webhooks: it is the seed 000 §5.2 dedupe key, so a publish or a
// worker run (seed 001 §6.3) must leave it empty and keep job_id in details.
import { prisma, type Prisma } from "../db/client";
import type { SyncLogOperationType } from "./operation-types";

export type { SyncLogOperationType };

export interface SyncLogEntry {
  operationType: SyncLogOperationType;
  message: string;
  success: boolean;
  details?: Prisma.InputJsonObject;
  jobId?: string | null;
  taskId?: string | null;
  filePath?: string | null;
}

/** Writes through `db` when given (a transaction), else the shared client. */
export async function writeSyncLog(entry: SyncLogEntry, db: Prisma.TransactionClient = prisma): Promise<void> {
  await db.syncLog.create({
    data: {
      operationType: entry.operationType,
      message: entry.message,
      success: entry.success,
      details: entry.details ?? {},
      jobId: entry.jobId ?? null,
      taskId: entry.taskId ?? null,
      filePath: entry.filePath ?? null,
    },
  });
}
