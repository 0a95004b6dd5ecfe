// One webhook's processing request, as the event carries it (seed §4.6 kwargs).
import type { WebscraperJobFinishedData } from "../webhook/job-finished-event";

export interface ProcessJobInput {
  source: string;
  jobId: string;
  batchUuid: string | null;
  customId: string | null;
  dryRun: boolean;
  dedupe: boolean;
  upsert: boolean;
  /** The engine's run id (the seed's celery task id), for SyncLog.taskId. */
  taskId: string | null;
}

export function processInputFromEvent(data: WebscraperJobFinishedData, taskId: string | null): ProcessJobInput {
  return {
    source: data.source_name,
    jobId: data.job_id,
    batchUuid: data.batch_uuid,
    customId: data.custom_id,
    dryRun: data.dry_run,
    dedupe: data.dedupe,
    upsert: data.upsert,
    taskId,
  };
}
