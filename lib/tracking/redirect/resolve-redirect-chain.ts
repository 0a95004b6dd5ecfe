// A redirect_to_japan_post_tracking job scrapes a Japan Post page that does
// not name the order; the order is the one the original owryt job's Apple URL
// names (seed 000 §5.4.1: jpt-from-owryt-{custom_id} ← owryt job ← Apple URL).
import type { TrackingDb } from "../db";
import { parseAppleStoreOrderUrl } from "../apple-store-order-url";
import { originalCustomIdOf } from "./redirect-custom-id";

export async function resolveChainOrderNumber(db: TrackingDb, job: { customId: string; batchId: number } | null): Promise<string | null> {
  if (!job) return null;
  const originalCustomId = originalCustomIdOf(job.customId);
  if (!originalCustomId) return null;
  const candidates = await db.trackingJob.findMany({
    where: { customId: originalCustomId },
    select: { targetUrl: true, batchId: true },
  });
  const original = candidates.find((c) => c.batchId === job.batchId) ?? candidates[0];
  return original ? (parseAppleStoreOrderUrl(original.targetUrl)?.orderNumber ?? null) : null;
}
