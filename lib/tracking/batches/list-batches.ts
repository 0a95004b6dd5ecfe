// Seed 000 list_batches(task_name, days) and get_pending_batches().
import { prisma, type TrackingBatch, type TrackingBatchStatus } from "@/lib/db/client";

export interface ListBatchesFilter {
  taskName?: string;
  /** Only batches created within this many days. */
  days?: number;
  status?: TrackingBatchStatus;
  limit?: number;
  now?: Date;
}

export async function listBatches(filter: ListBatchesFilter = {}): Promise<TrackingBatch[]> {
  const now = filter.now ?? new Date();
  return prisma.trackingBatch.findMany({
    where: {
      ...(filter.taskName ? { taskName: filter.taskName } : {}),
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.days !== undefined ? { createdAt: { gte: new Date(now.getTime() - filter.days * 86_400_000) } } : {}),
    },
    orderBy: { createdAt: "desc" },
    take: filter.limit ?? 200,
  });
}

/** Batches not finished yet: pending or processing. */
export async function getPendingBatches(): Promise<TrackingBatch[]> {
  return prisma.trackingBatch.findMany({
    where: { status: { in: ["pending", "processing"] } },
    orderBy: { createdAt: "asc" },
  });
}
