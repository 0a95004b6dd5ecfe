// Haier product / price / stock sync (seed 003) on the engine. Steps per 100
// products (lib/haier/sync/run-haier-sync.ts) so a crash resumes where it
// stopped. One run per sync type at a time: the seed warns against concurrent
// runs. A concurrency key of 1 per type queues a second request behind the
// first rather than dropping it (`singleton` skip would), because every request
// already has its pending HaierSyncLog, which a dropped run would leave pending.
import { NonRetriableError } from "inngest";
import { inngest } from "@/inngest/client";
import { prisma } from "@/lib/db/client";
import { HAIER_SYNC_REQUESTED_EVENT, haierSyncRequestedData } from "@/lib/haier/events";
import { haierSyncDepsFromEnv } from "@/lib/haier/sync-deps-from-env";
import { runHaierSync, type HaierSyncDeps } from "@/lib/haier/sync/run-haier-sync";
import { failSyncLog } from "@/lib/haier/sync/sync-log";

export function createHaierSyncFunction(getDeps: () => HaierSyncDeps) {
  return inngest.createFunction(
    {
      id: "haier-sync",
      name: "Haier sync (products, prices, stock)",
      triggers: [{ event: HAIER_SYNC_REQUESTED_EVENT }],
      concurrency: { limit: 1, key: "event.data.syncType" },
      retries: 3,
      // Retries exhausted by something the sync did not record itself (the database, say).
      onFailure: async ({ event, error }) => {
        const data = haierSyncRequestedData.safeParse(event.data.event.data);
        if (!data.success) return;
        await failSyncLog(getDeps().db, data.data.logId, "other", `the run stopped: ${error.message}`);
      },
    },
    async ({ event, step, runId }) => {
      const parsed = haierSyncRequestedData.safeParse(event.data);
      if (!parsed.success) throw new NonRetriableError(`Invalid ${HAIER_SYNC_REQUESTED_EVENT} data: ${parsed.error.message}`);
      const { logId, ...request } = parsed.data;
      const outcome = await runHaierSync(getDeps(), { run: (id, fn) => step.run(id, fn) as never }, { logId, request, runId });
      return {
        log_id: outcome.logId,
        status: outcome.status,
        total: outcome.counts.success + outcome.counts.failed,
        success: outcome.counts.success,
        failed: outcome.counts.failed,
        steps: outcome.steps,
        ...(outcome.error ? { error: outcome.error } : {}),
      };
    },
  );
}

export const haierSyncFunction = createHaierSyncFunction(() => haierSyncDepsFromEnv(prisma));
