// Raises and clears alerts of every flow once a minute (lib/monitoring); its
// heartbeat is how a stalled executor is detected by the next API read.
import { inngest } from "@/inngest/client";
import { prisma } from "@/lib/db/client";
import { evaluateAlerts } from "@/lib/monitoring/evaluate-alerts";

export const monitoringEvaluateFunction = inngest.createFunction(
  { id: "monitoring-evaluate", name: "Monitoring: evaluate alerts", triggers: [{ cron: "* * * * *" }], concurrency: { limit: 1 } },
  async ({ step }) => {
    return step.run("evaluate", async () => {
      const snapshot = await evaluateAlerts(prisma, new Date(), { fromCron: true });
      return { score: snapshot.health.score, changes: snapshot.changes };
    });
  },
);
