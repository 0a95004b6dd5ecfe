// Workers run every 30–60 minutes and can be triggered by hand several times
// in a row (--count N); an order whose page is still being scraped would be
// published again each time. A job published in the last IN_FLIGHT_WINDOW_MS
// that has not finished is "in flight"; its order is left for a later run.
// Jobs that never report back stop counting after the window, so nothing is
// skipped for ever.
import { prisma } from "../../db/client";

export const IN_FLIGHT_WINDOW_MS = 2 * 60 * 60 * 1000;

/** Target URLs of unfinished jobs of recent batches whose file path starts with `filePathPrefix`. */
export async function findInFlightTargetUrls(filePathPrefix: string, now = new Date()): Promise<Set<string>> {
  const jobs = await prisma.trackingJob.findMany({
    where: {
      status: "pending",
      createdAt: { gte: new Date(now.getTime() - IN_FLIGHT_WINDOW_MS) },
      batch: { filePath: { startsWith: filePathPrefix } },
    },
    select: { targetUrl: true },
  });
  return new Set(jobs.map((j) => j.targetUrl));
}
