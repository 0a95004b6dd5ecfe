// Package-number enrichment (seed 004 §2–4) and the sweep that replaces the
// seed's polling thread: every minute, shops with due tasks (new, retry time
// reached, or a crashed run's expired 5-minute lock) get an enrichment run.
import { inngest } from "@/inngest/client";
import { prisma } from "@/lib/db/client";
import { runEnrichment, shopsWithDueTasks } from "@/lib/temu/enrichment";
import { enrichRequestData, TEMU_ENRICH_EVENT } from "@/lib/temu/events";
import { temuDeps } from "./temu-sync";

/** Batches per run before handing over to a fresh run (keeps runs short; 20 × 50 tasks ≈ 53 s at 19 calls/s). */
const BATCHES_PER_RUN = 20;

export const temuEnrichDetailsFunction = inngest.createFunction(
  {
    id: "temu-enrich-details",
    name: "Temu package-number enrichment",
    triggers: [{ event: TEMU_ENRICH_EVENT }],
    // Claims already keep tasks exclusive; one run per shop avoids runs competing for the same app_key budget.
    concurrency: { limit: 1, key: "event.data.shopId" },
    retries: 2,
  },
  async ({ event, step, runId }) => {
    const { shopId } = enrichRequestData.parse(event.data);
    const totals = { completed: 0, withoutPackage: 0, retried: 0, failed: 0, released: 0, batches: 0 };
    for (let i = 0; i < BATCHES_PER_RUN; i++) {
      const result = await step.run(`batch-${i}`, () => runEnrichment(temuDeps(), { runId: `${runId}:${i}`, shopId, maxBatches: 1 }));
      if (result.batches === 0) return { ...totals, more: false };
      for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += result[key];
      if (result.released > 0) return { ...totals, more: false, stopped: "credentials refused" };
    }
    await step.sendEvent("continue", { name: TEMU_ENRICH_EVENT, data: { shopId, trigger: "continue" } });
    return { ...totals, more: true };
  },
);

export const temuEnrichSweepFunction = inngest.createFunction(
  { id: "temu-enrich-sweep", name: "Temu enrichment sweep (every minute)", triggers: [{ cron: "* * * * *" }] },
  async ({ step }) => {
    const shopIds = await step.run("due-shops", () => shopsWithDueTasks(prisma));
    if (shopIds.length > 0) {
      await step.sendEvent(
        "enrich",
        shopIds.map((shopId) => ({ name: TEMU_ENRICH_EVENT, data: { shopId, trigger: "sweep" } })),
      );
    }
    return { shops: shopIds };
  },
);
