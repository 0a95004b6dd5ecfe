// The seed's management command (`run_tracking_number_empty`, seed 001 §5.1)
// for both Purchasing workers:
//   --dry-run   list the matching orders, publish nothing
//   --sync      run in this process, publishing directly (needs WEB_SCRAPER_API_TOKEN)
//   (default)   queue --count N runs on the engine
// The entry scripts call prepareEngineEnv() before importing this module: the
// Inngest client reads its settings when it is created.
import { parseArgs } from "node:util";
import { inngest } from "../../inngest/client";
import { prisma } from "../../lib/db/client";
import { webScraperClientFromEnv } from "../../lib/webscraper/client";
import { JAPAN_POST_RUN_EVENT, TRACKING_NUMBER_EMPTY_RUN_EVENT } from "../../lib/tracking/publishing/events";
import { japanPostWorker } from "../../lib/tracking/publishing/japan-post-worker";
import { publishJobsInProcess } from "../../lib/tracking/publishing/publish-jobs-in-process";
import type { PurchasingWorker } from "../../lib/tracking/publishing/purchasing-worker";
import { queueWorkerRuns } from "../../lib/tracking/publishing/queue-worker-runs";
import { runPurchasingWorker } from "../../lib/tracking/publishing/run-purchasing-worker";
import { trackingNumberEmptyWorker } from "../../lib/tracking/publishing/tracking-number-empty-worker";

const WORKERS = {
  "tracking-number-empty": {
    worker: trackingNumberEmptyWorker,
    event: TRACKING_NUMBER_EMPTY_RUN_EVENT,
    script: "scripts/run-tracking-number-empty.ts",
  },
  "japan-post": { worker: japanPostWorker, event: JAPAN_POST_RUN_EVENT, script: "scripts/run-japan-post-worker.ts" },
} satisfies Record<string, { worker: PurchasingWorker; event: string; script: string }>;

export type WorkerCliName = keyof typeof WORKERS;

function usage(name: WorkerCliName): string {
  const { worker, script } = WORKERS[name];
  return [
    `Usage: npx tsx ${script} [--count N] [--sync] [--dry-run] [--limit N]`,
    "",
    "  --dry-run    list the matching orders (nothing is created or published)",
    "  --sync       run now in this process and publish directly to WebScraper.io",
    "               (needs WEB_SCRAPER_API_TOKEN, and WEB_SCRAPER_API_BASE_URL for a simulator)",
    "  --count N    runs to queue on the engine (1-10, default 1); with --sync, runs one after another",
    `  --limit N    orders per run (default ${worker.defaultLimit}, at most ${worker.maxLimit})`,
  ].join("\n");
}

function positiveInt(value: string | undefined, flag: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new CliUsageError(`${flag} must be a whole number from 1 to ${max}`);
  return n;
}

class CliUsageError extends Error {}

function describeTarget(): string {
  return process.env.INNGEST_BASE_URL ?? (process.env.INNGEST_EVENT_KEY ? "Inngest Cloud" : "the local engine");
}

export async function runWorkerCli(name: WorkerCliName, argv: string[]): Promise<number> {
  const { worker, event } = WORKERS[name];
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        count: { type: "string" },
        limit: { type: "string" },
        sync: { type: "boolean", default: false },
        "dry-run": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
    });
    if (values.help) {
      console.log(usage(name));
      return 0;
    }
    const count = positiveInt(values.count, "--count", 10) ?? 1;
    const limit = positiveInt(values.limit, "--limit", worker.maxLimit);

    if (values["dry-run"]) {
      const result = await runPurchasingWorker(worker, { dryRun: true, limit });
      console.log(`[${worker.logName}] ${result.matched} matching records (dry run: nothing created or published)`);
      for (const o of result.orders) console.log(`  ${o.orderNumber}\t${o.email ?? o.trackingNumber ?? ""}\t${o.url}`);
      return 0;
    }

    if (values.sync) {
      const client = webScraperClientFromEnv();
      let failed = 0;
      const dispatch = publishJobsInProcess(client, {
        onOutcome: (outcome) => {
          if (outcome.status === "failed") failed++;
          const detail = outcome.status === "failed" ? outcome.error : `job_id=${outcome.jobId}`;
          console.log(`  ${outcome.customId} ${outcome.status} (${detail})`);
        },
      });
      for (let run = 1; run <= count; run++) {
        const result = await runPurchasingWorker(worker, { limit, dispatch, requestedBy: "cli --sync" });
        console.log(
          `[${worker.logName}] run ${run}/${count}: ${result.matched} orders, batch ${result.batch_uuid ?? "(none)"}, ${result.dispatched} jobs`,
        );
        if (result.matched === 0) break;
      }
      return failed > 0 ? 1 : 0;
    }

    let ids: string[];
    try {
      ids = await queueWorkerRuns((events) => inngest.send(events), event, count, { limit, requestedBy: "cli" });
    } catch (error) {
      console.error(
        `Could not send ${event} to ${describeTarget()}: ${(error as Error).message}\n` +
          "Is the platform running (npm run platform)? Set INNGEST_EVENT_KEY / INNGEST_BASE_URL for another Inngest server, or use --sync.",
      );
      return 1;
    }
    console.log(`Queued ${ids.length} ${event} run(s) on ${describeTarget()}: ${ids.join(", ")}`);
    return 0;
  } catch (error) {
    if (error instanceof CliUsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      console.error(`${(error as Error).message}\n\n${usage(name)}`);
      return 2;
    }
    console.error(`[${worker.logName}] ${(error as Error).message}`);
    return 1;
  } finally {
    await prisma.$disconnect();
  }
}
