// Recomputes a batch's counters and status from its jobs after a job changed.
// The batch row is locked first so two jobs of one batch finishing together
// cannot write counters computed from each other's stale view.
import { prisma } from "@/lib/db/client";
import type { TrackingDb } from "../db";
import { computeBatchCompletion, type BatchCompletion } from "./compute-batch-completion";

export async function refreshBatchProgress(
  batchId: number,
  options: { db?: TrackingDb; now?: Date } = {},
): Promise<BatchCompletion | null> {
  const work = async (db: TrackingDb) => {
    const locked = await db.$queryRaw<{ id: number }[]>`SELECT "id" FROM "TrackingBatch" WHERE "id" = ${batchId} FOR UPDATE`;
    if (locked.length === 0) return null;
    const batch = await db.trackingBatch.findUniqueOrThrow({
      where: { id: batchId },
      select: { totalJobs: true, completedAt: true, jobs: { select: { customId: true, status: true, errorMessage: true } } },
    });
    const completion = computeBatchCompletion(batch.totalJobs, batch.jobs);
    await db.trackingBatch.update({
      where: { id: batchId },
      data: {
        completedJobs: completion.completedJobs,
        failedJobs: completion.failedJobs,
        status: completion.status,
        completedAt: completion.isFinished ? (batch.completedAt ?? options.now ?? new Date()) : null,
      },
    });
    return completion;
  };
  // Many jobs of one batch finish together and queue on the row lock: wait for a turn rather than fail.
  return options.db ? work(options.db) : prisma.$transaction(work, { maxWait: 60_000, timeout: 60_000 });
}
