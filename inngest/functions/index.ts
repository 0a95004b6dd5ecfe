import type { InngestFunction } from "inngest";
import { deliverAlertNotificationsFunction } from "./deliver-alert-notifications";
import { haierSyncFunction } from "./haier-sync";
import { haierScheduleFunctions } from "./haier-sync-schedules";
import { japanPostWorkerFunction } from "./japan-post-worker";
import { monitoringEvaluateFunction } from "./monitoring-evaluate";
import { processWebscraperTrackingFunction } from "./process-webscraper-tracking";
import { publishTrackingJobFunction } from "./publish-tracking-job";
import { requeueFailedPublishesFunction } from "./requeue-failed-publishes";
import { temuEnrichDetailsFunction, temuEnrichSweepFunction } from "./temu-enrichment";
import {
  temuFullOrderScheduleFunction,
  temuFullProductScheduleFunction,
  temuIncrementalScheduleFunction,
  temuOrderSyncFunction,
  temuProductSyncFunction,
} from "./temu-sync";
import { pruneSyncLogsFunction } from "./prune-sync-logs";
import { trackingNumberEmptyWorkerFunction } from "./tracking-number-empty-worker";

// Every background function of the platform, served at /api/inngest.
export const functions: InngestFunction.Any[] = [
  // Tracking, publishing half (seed 001)
  publishTrackingJobFunction,
  requeueFailedPublishesFunction,
  trackingNumberEmptyWorkerFunction,
  japanPostWorkerFunction,
  // Tracking, receiving half (seed 000)
  processWebscraperTrackingFunction,
  // Temu marketplace (seed 004)
  temuOrderSyncFunction,
  temuProductSyncFunction,
  temuIncrementalScheduleFunction,
  temuFullOrderScheduleFunction,
  temuFullProductScheduleFunction,
  temuEnrichDetailsFunction,
  temuEnrichSweepFunction,
  // Monitoring of every flow
  monitoringEvaluateFunction,
  deliverAlertNotificationsFunction,
  // Haier supplier sync (seeds 002, 003)
  haierSyncFunction,
  ...haierScheduleFunctions,
  // Retention
  pruneSyncLogsFunction,
];
