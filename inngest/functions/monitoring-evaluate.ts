// Raises and clears alerts of every flow once a minute (lib/monitoring); its
// heartbeat is how a stalled executor is detected by the next API read. When
// an alert opened or cleared, the notification delivery is started at once.
import { inngest } from "@/inngest/client";
import { prisma } from "@/lib/db/client";
import { evaluateAlerts } from "@/lib/monitoring/evaluate-alerts";
import { ALERTS_CHANGED_EVENT } from "@/lib/notifications/events";

export const monitoringEvaluateFunction = inngest.createFunction(
  { id: "monitoring-evaluate", name: "Monitoring: evaluate alerts", triggers: [{ cron: "* * * * *" }], concurrency: { limit: 1 } },
  async ({ step }) => {
    const result = await step.run("evaluate", async () => {
      const snapshot = await evaluateAlerts(prisma, new Date(), { fromCron: true });
      return { score: snapshot.health.score, changes: snapshot.changes };
    });
    const transitions = Object.values(result.changes).reduce((n, c) => n + c.raised.length + c.cleared.length, 0);
    if (transitions > 0) await step.sendEvent("notify", { name: ALERTS_CHANGED_EVENT, data: { transitions } });
    return result;
  },
);
