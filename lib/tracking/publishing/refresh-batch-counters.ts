// Batch counters after a publish failed, so a batch whose every job is done or
// failed reaches `partial` (seed 000 "批次状态说明"). The rules are seed 000's:
// a redirected job counts as done when its jpt-from-owryt-{custom_id} follow-up
// is (and, here, as failed when that follow-up failed).
// TODO(tracking/batches): the receiving half owns batch progress; once it
// exports its recompute, call that instead of this local copy.
import { prisma } from "../../db/client";

const FOLLOW_UP_PREFIX = "jpt-from-owryt-";

export async function refreshBatchCounters(batchId: number, now = new Date()): Promise<void> {
  const batch = await prisma.trackingBatch.findUnique({
    where: { id: batchId },
    select: { totalJobs: true, status: true, completedAt: true, jobs: { select: { customId: true, status: true } } },
  });
  if (!batch) return;
  const followUps = new Map<string, string>();
  for (const job of batch.jobs) {
    if (job.customId.startsWith(FOLLOW_UP_PREFIX)) followUps.set(job.customId.slice(FOLLOW_UP_PREFIX.length), job.status);
  }
  const customIds = new Set(batch.jobs.map((j) => j.customId));
  let completed = 0;
  let failed = 0;
  for (const job of batch.jobs) {
    if (job.customId.startsWith(FOLLOW_UP_PREFIX) && customIds.has(job.customId.slice(FOLLOW_UP_PREFIX.length))) continue;
    const status = job.status === "redirected" ? followUps.get(job.customId) : job.status;
    if (status === "completed") completed++;
    else if (status === "failed") failed++;
  }
  const done = completed + failed >= batch.totalJobs;
  const status = done ? (failed > 0 ? "partial" : "completed") : completed > 0 ? "processing" : batch.status;
  await prisma.trackingBatch.update({
    where: { id: batchId },
    data: {
      completedJobs: completed,
      failedJobs: failed,
      status,
      completedAt: done ? (batch.completedAt ?? now) : null,
    },
  });
}
