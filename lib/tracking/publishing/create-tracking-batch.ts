// One TrackingBatch per worker run or imported file, with every TrackingJob
// created up front (pending, no WebScraper job id yet): the batch's progress
// shows each URL from the start, and publishing is a resumable walk over the
// rows whose jobId is still null.
import { randomUUID } from "node:crypto";
import { prisma } from "../../db/client";
import { getTrackerConfig, type TrackerName } from "../tracker-configs";
import { batchShortId, buildCustomId } from "./custom-id";

export interface CreateTrackingBatchInput {
  taskName: TrackerName;
  /** A function of the 8-character batch id, or a fixed path (imported files). */
  filePath: string | ((batch8: string) => string);
  urls: string[];
}

export interface CreatedTrackingBatch {
  batchUuid: string;
  batch8: string;
  filePath: string;
  taskName: TrackerName;
  jobs: { customId: string; targetUrl: string; index: number }[];
}

// Custom ids carry only 8 hex characters of the uuid; the webhook and the
// publish recovery look jobs up by custom id, so a new batch must not reuse
// the short id of an earlier one.
async function uniqueBatchUuid(customIdPrefix: string): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const uuid = randomUUID();
    const clash = await prisma.trackingJob.findFirst({
      where: { customId: { startsWith: `${customIdPrefix}-${batchShortId(uuid)}-` } },
      select: { id: true },
    });
    if (!clash) return uuid;
  }
  throw new Error("Could not find an unused batch id");
}

export async function createTrackingBatch(input: CreateTrackingBatchInput): Promise<CreatedTrackingBatch> {
  if (input.urls.length === 0) throw new Error("A tracking batch needs at least one URL");
  const config = getTrackerConfig(input.taskName);
  const batchUuid = await uniqueBatchUuid(config.customIdPrefix);
  const batch8 = batchShortId(batchUuid);
  const filePath = typeof input.filePath === "function" ? input.filePath(batch8) : input.filePath;
  const jobs = input.urls.map((targetUrl, index) => ({
    customId: buildCustomId(config.customIdPrefix, batchUuid, index),
    targetUrl,
    index,
  }));
  await prisma.trackingBatch.create({
    data: {
      batchUuid,
      filePath,
      taskName: input.taskName,
      totalJobs: jobs.length,
      status: "pending",
      jobs: { createMany: { data: jobs.map((j) => ({ ...j, status: "pending" as const })) } },
    },
  });
  return { batchUuid, batch8, filePath, taskName: input.taskName, jobs };
}
