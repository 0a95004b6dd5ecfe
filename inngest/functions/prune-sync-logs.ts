// Retention: SyncLog rows older than RETENTION_DAYS (default 90) are deleted
// every night in small batches, one step each, so the table stops growing and
// no single statement holds the (single-statement) embedded database for long.
import { inngest } from "@/inngest/client";
import { pruneSyncLogs } from "@/lib/sync-logs/prune-sync-logs";
import { retentionDaysFrom } from "@/lib/sync-logs/retention-days";

const BATCH_SIZE = 5_000;
// Well under Inngest's 1,000-step limit; a larger backlog continues the next night.
const MAX_BATCHES_PER_RUN = 200;

export const pruneSyncLogsFunction = inngest.createFunction(
  {
    id: "prune-sync-logs",
    name: "Prune old sync logs",
    triggers: [{ cron: "30 3 * * *" }],
    concurrency: { limit: 1 },
  },
  async ({ step }) => {
    const days = retentionDaysFrom(process.env.RETENTION_DAYS);
    const olderThan = await step.run("cutoff", () => new Date(Date.now() - days * 86_400_000).toISOString());
    let deleted = 0;
    for (let i = 0; i < MAX_BATCHES_PER_RUN; i++) {
      const batch = await step.run(`delete-batch-${i}`, () => pruneSyncLogs({ olderThan: new Date(olderThan), batchSize: BATCH_SIZE }));
      deleted += batch.deleted;
      if (!batch.more) break;
    }
    return { retentionDays: days, olderThan, deleted };
  },
);
