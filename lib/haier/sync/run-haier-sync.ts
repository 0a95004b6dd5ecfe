// A whole sync as durable steps: start, plan, one step per PRODUCTS_PER_STEP
// products, finish. In Inngest each step's result is memoized, so a crash or
// restart resumes at the first unfinished step; the CLI runs the same steps
// directly. Progress is written as absolute counts computed from the memoized
// results, so a redone step never double-counts.
import type { Db } from "../../db/client";
import { HaierConfigError } from "../config";
import type { HaierClient } from "../client";
import { HaierApiError } from "../errors";
import type { ImageStore } from "../images/image-store";
import { planSync } from "./plan-sync";
import { syncBatch } from "./sync-batch";
import { completeSyncLog, failSyncLog, markSyncStarted, recordSyncProgress } from "./sync-log";
import { addCounts, emptyCounts, type HaierSyncRequest, type SyncCounts } from "./types";

export interface StepRunner {
  run<T>(id: string, fn: () => Promise<T>): Promise<T>;
}

/** Runs steps in this process (CLI, benchmark, tests). */
export const directSteps: StepRunner = { run: (_id, fn) => fn() };

export interface HaierSyncDeps {
  db: Db;
  /** Built lazily inside steps (a replayed step does not need it). */
  client: () => HaierClient;
  images: () => ImageStore;
  now?: () => Date;
  onProgress?: (counts: SyncCounts, step: number, steps: number) => void;
}

export interface HaierSyncOutcome {
  logId: number;
  status: "success" | "partial" | "failed";
  counts: SyncCounts;
  steps: number;
  error?: { kind: string; message: string };
}

type PlanResult = { ok: true; batches: string[][]; counts: SyncCounts } | { ok: false; kind: string; message: string };

export async function runHaierSync(
  deps: HaierSyncDeps,
  step: StepRunner,
  input: { logId: number; request: HaierSyncRequest; runId?: string | null },
): Promise<HaierSyncOutcome> {
  const { db } = deps;
  const { logId, request } = input;
  const now = () => deps.now?.() ?? new Date();

  await step.run("start", () => markSyncStarted(db, logId, input.runId ?? null, now()).then(() => true));

  const plan = await step.run<PlanResult>("plan", async () => {
    try {
      const planned = await planSync({ db, client: deps.client() }, request);
      return { ok: true, batches: planned.batches, counts: planned.counts };
    } catch (error) {
      if (error instanceof HaierApiError || error instanceof HaierConfigError) {
        const kind = error instanceof HaierApiError ? error.kind : "config";
        await failSyncLog(db, logId, kind, error.message, undefined, now());
        return { ok: false, kind, message: error.message };
      }
      throw error;
    }
  });
  if (!plan.ok) return { logId, status: "failed", counts: emptyCounts(), steps: 0, error: { kind: plan.kind, message: plan.message } };

  let totals = plan.counts;
  const steps = plan.batches.length;
  for (let i = 0; i < steps; i++) {
    const before = totals;
    const batch = await step.run(`batch-${i + 1}`, async () => {
      const counts = await syncBatch({ db, client: deps.client(), images: deps.images(), now: deps.now }, request, plan.batches[i]);
      await recordSyncProgress(db, logId, addCounts(before, counts), i + 1, steps);
      return counts;
    });
    totals = addCounts(totals, batch);
    deps.onProgress?.(totals, i + 1, steps);
  }

  const status = await step.run("finish", () => completeSyncLog(db, logId, request.syncType, totals, now()));
  return { logId, status: status as HaierSyncOutcome["status"], counts: totals, steps };
}
