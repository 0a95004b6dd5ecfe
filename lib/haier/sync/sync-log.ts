// HaierSyncLog lifecycle (seed 002): pending when queued → processing, counts
// written after every step → success / partial / failed. totalCount is always
// successCount + failedCount. Messages carry the error class and a readable
// summary; never a secret or a stack trace.
import type { Db, HaierSyncStatus, HaierSyncType, Prisma } from "../../db/client";
import type { HaierErrorKind } from "../errors";
import type { SyncCounts } from "./types";

export async function createSyncLog(
  db: Db,
  input: { syncType: HaierSyncType; triggeredBy: string; options?: Record<string, unknown> },
): Promise<{ id: number }> {
  return db.haierSyncLog.create({
    data: {
      syncType: input.syncType,
      status: "pending",
      triggeredBy: input.triggeredBy,
      options: (input.options ?? {}) as Prisma.InputJsonValue,
    },
    select: { id: true },
  });
}

/** Idempotent: a replayed start keeps the first startedAt. */
export async function markSyncStarted(db: Db, id: number, runId: string | null, now = new Date()): Promise<void> {
  await db.haierSyncLog.updateMany({ where: { id, startedAt: null }, data: { startedAt: now } });
  await db.haierSyncLog.update({ where: { id }, data: { status: "processing", ...(runId ? { runId } : {}), message: "planning" } });
}

function number(n: number): string {
  return n.toLocaleString("en-US");
}

function kindsText(counts: SyncCounts): string {
  return Object.entries(counts.failuresByKind)
    .map(([kind, n]) => `${kind} ${number(n ?? 0)}`)
    .join(", ");
}

/** Absolute values (not increments), so redoing a step after a crash cannot double-count. */
export async function recordSyncProgress(db: Db, id: number, counts: SyncCounts, step: number, steps: number): Promise<void> {
  await db.haierSyncLog.update({
    where: { id },
    data: {
      status: "processing",
      totalCount: counts.success + counts.failed,
      successCount: counts.success,
      failedCount: counts.failed,
      apiCalls: counts.apiCalls,
      apiLatencyMs: Math.round(counts.apiLatencyMs),
      message: `step ${step}/${steps}: ${number(counts.success + counts.failed)} processed, ${number(counts.failed)} failed`,
    },
  });
}

export function finalStatus(counts: SyncCounts): HaierSyncStatus {
  if (counts.failed === 0) return "success";
  return counts.success === 0 ? "failed" : "partial";
}

export function summarizeSync(kind: string, counts: SyncCounts): string {
  const parts = [`${kind}: ${number(counts.success)} ok, ${number(counts.failed)} failed of ${number(counts.success + counts.failed)}`];
  if (counts.failed > 0) parts[0] += ` (${kindsText(counts)})`;
  parts.push(`created ${number(counts.created)}, updated ${number(counts.updated)}, unchanged ${number(counts.unchanged)}`);
  if (counts.pricesUpdated) parts.push(`prices changed ${number(counts.pricesUpdated)}`);
  if (counts.stockUpdated) parts.push(`stock changed ${number(counts.stockUpdated)}`);
  if (counts.imagesStored || counts.imageErrors)
    parts.push(`images stored ${number(counts.imagesStored)}, broken ${number(counts.imageErrors)}`);
  let text = parts.join("; ") + ".";
  if (counts.failures.length > 0) {
    text += " First failures: " + counts.failures.map((f) => `${f.code ?? "(no code)"} ${f.kind}: ${f.message}`).join(" | ");
  }
  return text.slice(0, 4000);
}

export async function completeSyncLog(db: Db, id: number, kind: string, counts: SyncCounts, now = new Date()): Promise<HaierSyncStatus> {
  const status = finalStatus(counts);
  await db.haierSyncLog.update({
    where: { id },
    data: {
      status,
      totalCount: counts.success + counts.failed,
      successCount: counts.success,
      failedCount: counts.failed,
      apiCalls: counts.apiCalls,
      apiLatencyMs: Math.round(counts.apiLatencyMs),
      message: summarizeSync(kind, counts),
      completedAt: now,
    },
  });
  return status;
}

/** A run that could not proceed at all (auth refused, Haier unreachable, not configured). */
export async function failSyncLog(
  db: Db,
  id: number,
  kind: HaierErrorKind | "config",
  reason: string,
  counts?: SyncCounts,
  now = new Date(),
): Promise<void> {
  await db.haierSyncLog.updateMany({ where: { id, startedAt: null }, data: { startedAt: now } });
  await db.haierSyncLog.update({
    where: { id },
    data: {
      status: "failed",
      ...(counts
        ? {
            totalCount: counts.success + counts.failed,
            successCount: counts.success,
            failedCount: counts.failed,
            apiCalls: counts.apiCalls,
            apiLatencyMs: Math.round(counts.apiLatencyMs),
          }
        : {}),
      message: `${kind}: ${reason}`.slice(0, 4000),
      completedAt: now,
    },
  });
}
