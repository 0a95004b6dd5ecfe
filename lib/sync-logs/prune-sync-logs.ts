import { prisma } from "../db/client";

/**
 * Deletes up to `batchSize` SyncLog rows older than the cutoff, oldest first, and
 * says whether more remain. A log of a job whose batch is still pending or
 * processing is kept at any age: the webhook's dedupe check reads it.
 */
export async function pruneSyncLogs(options: { olderThan: Date; batchSize: number }): Promise<{ deleted: number; more: boolean }> {
  const deleted = await prisma.$executeRaw`
    DELETE FROM "SyncLog" WHERE id IN (
      SELECT s.id FROM "SyncLog" s
      WHERE s."createdAt" < ${options.olderThan}
        AND NOT (s."jobId" IS NOT NULL AND EXISTS (
          SELECT 1 FROM "TrackingJob" j JOIN "TrackingBatch" b ON b.id = j."batchId"
          WHERE j."jobId" = s."jobId" AND b.status IN ('pending', 'processing')))
      ORDER BY s."createdAt"
      LIMIT ${options.batchSize})`;
  return { deleted, more: deleted === options.batchSize };
}
