// The seed's three cron lines: each records its HaierSyncLog (pending, by "cron")
// and runs the sync, waiting for it (step.invoke), so the tick's run lasts as
// long as its sync.
//
// A tick while the same schedule's sync still runs is skipped
// (scheduled-sync-options.ts). Manual requests are different: the route has
// already written a pending SyncLog row the user is looking at, so they go to
// haier-sync directly and wait their turn behind its concurrency key (limit 1
// per sync type) instead of being dropped with the row left pending forever.
import type { Inngest, InngestFunction } from "inngest";
import { inngest } from "@/inngest/client";
import { prisma } from "@/lib/db/client";
import { HAIER_SCHEDULES, zonedCron, type HaierSchedule } from "@/lib/haier/schedules";
import { createSyncLog } from "@/lib/haier/sync/sync-log";
import { haierSyncFunction } from "./haier-sync";
import { SCHEDULED_SYNC_SINGLETON, SCHEDULED_SYNC_WAIT } from "./scheduled-sync-options";

export interface HaierScheduleDeps {
  client: Inngest.Any;
  createLog(schedule: HaierSchedule): Promise<{ id: number }>;
  /** The function that runs the sync (haier-sync; a stand-in in tests). */
  sync: InngestFunction.Any;
}

const defaultDeps = (): HaierScheduleDeps => ({
  client: inngest,
  createLog: (schedule) =>
    createSyncLog(prisma, {
      syncType: schedule.request.syncType,
      triggeredBy: "cron",
      options: { ...schedule.request, schedule: schedule.id },
    }),
  sync: haierSyncFunction,
});

export function createScheduleFunction(schedule: HaierSchedule, deps: HaierScheduleDeps = defaultDeps()) {
  return deps.client.createFunction(
    {
      id: schedule.id,
      name: schedule.name,
      triggers: [{ cron: zonedCron(schedule.cron) }],
      retries: 2,
      singleton: SCHEDULED_SYNC_SINGLETON,
    },
    async ({ step }) => {
      const log = await step.run("create-log", async () => ({ id: (await deps.createLog(schedule)).id }));
      try {
        await step.invoke("sync", { function: deps.sync, data: { ...schedule.request, logId: log.id }, timeout: SCHEDULED_SYNC_WAIT });
        return { log_id: log.id, sync: "finished" };
      } catch (error) {
        // The sync records its own failure in the log (haier-sync onFailure); the tick just ends.
        return { log_id: log.id, sync: "failed", error: (error as Error).message };
      }
    },
  );
}

export const haierScheduleFunctions = HAIER_SCHEDULES.map((schedule) => createScheduleFunction(schedule));
