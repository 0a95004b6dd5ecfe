// Batch look-ups of seed 000's batch_tracker: by full uuid or its first 8
// characters (the short id custom ids and file names carry), or by file path.
import { prisma, type Prisma } from "@/lib/db/client";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHORT_ID = /^[0-9a-f]{8}$/i;

export const batchWithJobs = {
  jobs: { orderBy: [{ index: "asc" }, { createdAt: "asc" }] },
} satisfies Prisma.TrackingBatchInclude;

export type BatchWithJobs = Prisma.TrackingBatchGetPayload<{ include: typeof batchWithJobs }>;

export function isBatchIdentifier(value: string): boolean {
  return UUID.test(value) || SHORT_ID.test(value);
}

/** The batch with this uuid or 8-character prefix (the newest one if a prefix is shared). */
export async function getBatchByUuid(idOrShortId: string): Promise<BatchWithJobs | null> {
  const value = idOrShortId.trim().toLowerCase();
  if (UUID.test(value)) return prisma.trackingBatch.findUnique({ where: { batchUuid: value }, include: batchWithJobs });
  if (!SHORT_ID.test(value)) return null;
  // A range over the uuid column (its unique index), not a text cast of every uuid.
  return prisma.trackingBatch.findFirst({
    where: { batchUuid: { gte: `${value}-0000-0000-0000-000000000000`, lte: `${value}-ffff-ffff-ffff-ffffffffffff` } },
    orderBy: { createdAt: "desc" },
    include: batchWithJobs,
  });
}

/** The newest batch imported from this file. */
export async function getBatchByFilePath(filePath: string): Promise<BatchWithJobs | null> {
  return prisma.trackingBatch.findFirst({ where: { filePath }, orderBy: { createdAt: "desc" }, include: batchWithJobs });
}
