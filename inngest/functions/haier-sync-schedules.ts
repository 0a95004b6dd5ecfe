// The seed's three cron lines: each records its HaierSyncLog (pending, by "cron")
// and queues the sync, which then waits its turn behind a running sync of its type.
import { inngest } from "@/inngest/client";
import { prisma } from "@/lib/db/client";
import { HAIER_SYNC_REQUESTED_EVENT } from "@/lib/haier/events";
import { HAIER_SCHEDULES, zonedCron, type HaierSchedule } from "@/lib/haier/schedules";
import { createSyncLog } from "@/lib/haier/sync/sync-log";

function createScheduleFunction(schedule: HaierSchedule) {
  return inngest.createFunction(
    { id: schedule.id, name: schedule.name, triggers: [{ cron: zonedCron(schedule.cron) }], retries: 2 },
    async ({ step }) => {
      const log = await step.run("create-log", () =>
        createSyncLog(prisma, { syncType: schedule.request.syncType, triggeredBy: "cron", options: { ...schedule.request, schedule: schedule.id } }),
      );
      await step.sendEvent("queue-sync", { name: HAIER_SYNC_REQUESTED_EVENT, data: { ...schedule.request, logId: log.id }, id: `haier-sync-log-${log.id}` });
      return { log_id: log.id };
    },
  );
}

export const haierScheduleFunctions = HAIER_SCHEDULES.map(createScheduleFunction);
