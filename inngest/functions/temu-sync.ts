// Temu order and product sync (seed 004 §5–6) and their schedules. One order
// sync per shop at a time: concurrency limit 1 keyed by shop, so a manual
// trigger during a running sync waits its turn instead of being dropped (as
// `singleton` skip would drop it). Each chunk of pages is a step, so a crash or
// retry resumes at the next page.
import { NonRetriableError, type Inngest, type InngestFunction } from "inngest";
import { inngest } from "@/inngest/client";
import { prisma } from "@/lib/db/client";
import { isTemuApiError } from "@/lib/temu/errors";
import { syncEventsFor, syncRequestData, TEMU_ENRICH_EVENT, TEMU_ORDER_SYNC_EVENT, TEMU_PRODUCT_SYNC_EVENT } from "@/lib/temu/events";
import { failSync, finishOrderSync, processOrderSyncChunk, startOrderSync } from "@/lib/temu/order-sync";
import { runProductSync } from "@/lib/temu/product-sync";
import { createTemuDeps, type TemuDeps } from "@/lib/temu/shop-client";
import { syncableShopIds } from "@/lib/temu/shops";
import { SCHEDULED_SYNC_SINGLETON, SCHEDULED_SYNC_WAIT } from "./scheduled-sync-options";

/** Business-day schedules run in the staff's time zone (the seed's 02:00 / 03:00). */
const SCHEDULE_TZ = process.env.TEMU_SCHEDULE_TZ?.trim() || "Asia/Tokyo";

let deps: TemuDeps | null = null;
export const temuDeps = () => (deps ??= createTemuDeps(prisma));
/** Tests hand in deps pointing at a simulator. */
export function setTemuDeps(next: TemuDeps | null) {
  deps = next;
}

function rethrow(error: unknown): never {
  // Credentials refused / bad sign: retrying only hammers Temu (PEERS.md).
  if (isTemuApiError(error) && !error.retryable) throw new NonRetriableError(error.message, { cause: error });
  throw error;
}

export const temuOrderSyncFunction = inngest.createFunction(
  {
    id: "temu-order-sync",
    name: "Temu order sync",
    triggers: [{ event: TEMU_ORDER_SYNC_EVENT }],
    concurrency: { limit: 1, key: "event.data.shopId" },
    retries: 3,
    onFailure: async ({ event, error }) => {
      const original = (event.data as { event?: { data?: { shopId?: number } } }).event;
      const shopId = original?.data?.shopId;
      if (!shopId) return;
      const run = await prisma.temuSyncRun.findFirst({ where: { shopId, kind: "orders", status: "running" }, orderBy: { id: "desc" } });
      if (run) await failSync(temuDeps(), run.id, error);
    },
  },
  async ({ event, step }) => {
    const input = syncRequestData.parse(event.data);
    const { runId } = await step.run("start", () => startOrderSync(temuDeps(), input).catch(rethrow));
    let page = 0;
    for (;;) {
      const progress = await step.run(`pages-${page++}`, async () => {
        try {
          return await processOrderSyncChunk(temuDeps(), runId);
        } catch (error) {
          if (isTemuApiError(error) && !error.retryable) await failSync(temuDeps(), runId, error);
          return rethrow(error);
        } finally {
          await temuDeps().callLog.flush();
        }
      });
      if (progress.done) break;
    }
    const summary = await step.run("finish", async () => {
      try {
        return await finishOrderSync(temuDeps(), runId);
      } finally {
        await temuDeps().callLog.flush();
      }
    });
    if (summary.tasksCreated > 0) {
      await step.sendEvent("enrich", { name: TEMU_ENRICH_EVENT, data: { shopId: input.shopId, trigger: "order-sync" } });
    }
    return summary;
  },
);

export const temuProductSyncFunction = inngest.createFunction(
  {
    id: "temu-product-sync",
    name: "Temu product sync",
    triggers: [{ event: TEMU_PRODUCT_SYNC_EVENT }],
    concurrency: { limit: 1, key: "event.data.shopId" },
    retries: 3,
  },
  async ({ event, step }) => {
    const input = syncRequestData.parse(event.data);
    return step.run("sync-products", () => runProductSync(temuDeps(), input).catch(rethrow));
  },
);

export interface TemuScheduleDeps {
  client: Inngest.Any;
  shopIds(): Promise<number[]>;
  /** The sync function for each requested event name (temu-order-sync, temu-product-sync; stand-ins in tests). */
  syncs: Record<string, InngestFunction.Any>;
}

const defaultScheduleDeps = (): TemuScheduleDeps => ({
  client: inngest,
  shopIds: () => syncableShopIds(prisma),
  syncs: { [TEMU_ORDER_SYNC_EVENT]: temuOrderSyncFunction, [TEMU_PRODUCT_SYNC_EVENT]: temuProductSyncFunction },
});

/**
 * A schedule runs every shop's sync and waits for them (step.invoke, in
 * parallel), so a tick while the previous tick's syncs still run is skipped
 * (singleton skip, scheduled-sync-options.ts). A manual request goes to the
 * sync function directly and waits its turn behind the shop's concurrency key.
 */
export function createTemuScheduleFunction(
  id: string,
  name: string,
  cron: string,
  events: { name: string; mode: "incremental" | "full" }[],
  deps: TemuScheduleDeps = defaultScheduleDeps(),
) {
  return deps.client.createFunction({ id, name, triggers: [{ cron }], singleton: SCHEDULED_SYNC_SINGLETON }, async ({ step }) => {
    const shopIds = await step.run("shops", () => deps.shopIds());
    const requests = events.flatMap((e) => syncEventsFor(shopIds, e.name, e.mode, "cron"));
    const outcomes = await Promise.all(
      requests.map((request) =>
        step
          .invoke(`sync-${request.name}-${request.data.shopId}`, {
            function: deps.syncs[request.name],
            data: request.data,
            timeout: SCHEDULED_SYNC_WAIT,
          })
          // A failed sync records its own failure (its TemuSyncRun); the tick still waits for the others.
          .then(
            () => "finished" as const,
            () => "failed" as const,
          ),
      ),
    );
    return { shops: shopIds.length, events: requests.length, failed: outcomes.filter((o) => o === "failed").length };
  });
}

const scheduleFunction = (id: string, name: string, cron: string, events: { name: string; mode: "incremental" | "full" }[]) =>
  createTemuScheduleFunction(id, name, cron, events);

// Seed 004 §6: incremental every 10 minutes, full daily at 02:00 (orders) and 03:00 (products).
export const temuIncrementalScheduleFunction = scheduleFunction(
  "temu-schedule-incremental",
  "Temu incremental syncs (every 10 min)",
  "*/10 * * * *",
  [
    { name: TEMU_ORDER_SYNC_EVENT, mode: "incremental" },
    { name: TEMU_PRODUCT_SYNC_EVENT, mode: "incremental" },
  ],
);
export const temuFullOrderScheduleFunction = scheduleFunction(
  "temu-schedule-full-orders",
  "Temu full order sync (02:00)",
  `TZ=${SCHEDULE_TZ} 0 2 * * *`,
  [{ name: TEMU_ORDER_SYNC_EVENT, mode: "full" }],
);
export const temuFullProductScheduleFunction = scheduleFunction(
  "temu-schedule-full-products",
  "Temu full product sync (03:00)",
  `TZ=${SCHEDULE_TZ} 0 3 * * *`,
  [{ name: TEMU_PRODUCT_SYNC_EVENT, mode: "full" }],
);
