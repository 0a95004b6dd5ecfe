// WebScraper.io retries a job-finished notification only a few times within
// seconds; if the app was down then (a crash, a deploy), the notification is
// lost and the job would stay pending for ever. So published jobs still
// pending a while after publishing are looked up at WebScraper: a scraping job
// that ended (finished, failed, stopped) gets the event its notification would
// have produced, with the same event id rule, so a late real notification and
// this one are processed once (the processing claim is job id + export hash).
import { prisma } from "@/lib/db/client";
import type { WebScraperClient } from "@/lib/webscraper/types";
import { trackerForJob } from "../tracker-for-job";
import { jobFinishedEventId, WEBSCRAPER_JOB_FINISHED_EVENT, type WebscraperJobFinishedData } from "../webhook/job-finished-event";

const ENDED = new Set(["finished", "failed", "stopped", "shelved"]);

export interface MissedNotification {
  id: string;
  name: typeof WEBSCRAPER_JOB_FINISHED_EVENT;
  data: WebscraperJobFinishedData;
}

export async function findMissedNotifications(
  client: WebScraperClient,
  options: { publishedBefore: Date; limit?: number; now?: Date },
): Promise<MissedNotification[]> {
  const pending = await prisma.trackingJob.findMany({
    where: { status: "pending", jobId: { not: null }, publishedAt: { lt: options.publishedBefore } },
    orderBy: { publishedAt: "asc" },
    take: options.limit ?? 100,
    select: { jobId: true, customId: true, batch: { select: { batchUuid: true, taskName: true } } },
  });
  const events: MissedNotification[] = [];
  for (const job of pending) {
    let status: string;
    try {
      status = (await client.getScrapingJob(job.jobId!)).status;
    } catch {
      continue; // WebScraper unreachable or the job unknown: the next sweep asks again
    }
    if (!ENDED.has(status)) continue;
    const source = trackerForJob({ customId: job.customId, batchTaskName: job.batch.taskName });
    events.push({
      id: jobFinishedEventId(source, job.jobId!, options.now),
      name: WEBSCRAPER_JOB_FINISHED_EVENT,
      data: {
        source_name: source,
        job_id: job.jobId!,
        batch_uuid: job.batch.batchUuid,
        custom_id: job.customId,
        request_data: {
          scrapingjob_id: job.jobId!,
          status: status === "shelved" ? "finished" : status,
          custom_id: job.customId,
          reconciled: true,
        },
        dry_run: false,
        dedupe: true,
        upsert: false,
      },
    });
  }
  return events;
}
