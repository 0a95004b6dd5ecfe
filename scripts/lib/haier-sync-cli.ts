// Seed 003's management command `sync_haier_products` for this platform:
//   --product-codes A B …  --category NAME  --brand NAME  --sync-prices  --sync-stock  --county-code 110101
// plus --type products|prices|stock (what the hourly / half-hourly schedules run),
// --dry-run (list the codes a run would cover, write nothing) and --sync (run in
// this process instead of queueing it on the engine). Prints the seed's summary.
// The entry script calls prepareEngineEnv() before importing this module.
import { prisma } from "../../lib/db/client";
import { haierClientFor } from "../../lib/haier/client";
import { haierConfigFromEnv } from "../../lib/haier/config";
import { haierSyncDepsFromEnv } from "../../lib/haier/sync-deps-from-env";
import { planSync } from "../../lib/haier/sync/plan-sync";
import { directSteps, runHaierSync } from "../../lib/haier/sync/run-haier-sync";
import { createSyncLog, summarizeSync } from "../../lib/haier/sync/sync-log";
import { DEFAULT_COUNTY_CODE, HAIER_SYNC_KINDS, haierSyncRequestSchema, type HaierSyncRequest } from "../../lib/haier/sync/types";

export const USAGE = [
  "Usage: npx tsx scripts/sync-haier-products.ts [options]",
  "",
  "  --product-codes A B …  only these product codes (default: Haier's whole procurable catalogue)",
  "  --category NAME        only products of this category",
  "  --brand NAME           only products of this brand",
  "  --sync-prices          also fetch prices (supplyPrice, invoicePrice, stockRebate, rebateMoney, price)",
  "  --sync-stock           also fetch stock for --county-code",
  `  --county-code CODE     county for stock (default ${DEFAULT_COUNTY_CODE})`,
  "  --type KIND            products (default) | prices | stock: prices or stock only, for products we have",
  "  --dry-run              list the product codes a run would cover; write nothing",
  "  --sync                 run now in this process (otherwise queued on the engine of `npm run platform`)",
].join("\n");

export class CliUsageError extends Error {}

export interface CliOptions {
  request: HaierSyncRequest;
  dryRun: boolean;
  sync: boolean;
  help: boolean;
}

export function parseSyncCliArgs(argv: string[]): CliOptions {
  const raw: Record<string, unknown> = { syncType: "products", syncPrices: false, syncStock: false };
  let dryRun = false;
  let sync = false;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined || next.startsWith("--")) throw new CliUsageError(`${arg} needs a value`);
      return next;
    };
    switch (arg) {
      case "--product-codes": {
        const codes: string[] = [];
        while (argv[i + 1] !== undefined && !argv[i + 1].startsWith("--")) codes.push(...argv[++i].split(",").filter(Boolean));
        if (codes.length === 0) throw new CliUsageError("--product-codes needs at least one code");
        raw.productCodes = codes;
        break;
      }
      case "--category":
        raw.category = value();
        break;
      case "--brand":
        raw.brand = value();
        break;
      case "--county-code":
        raw.countyCode = value();
        break;
      case "--type": {
        const kind = value();
        if (!(HAIER_SYNC_KINDS as readonly string[]).includes(kind))
          throw new CliUsageError(`--type must be one of ${HAIER_SYNC_KINDS.join(", ")}`);
        raw.syncType = kind;
        break;
      }
      case "--sync-prices":
        raw.syncPrices = true;
        break;
      case "--sync-stock":
        raw.syncStock = true;
        break;
      case "--dry-run":
        dryRun = true;
        break;
      case "--sync":
        sync = true;
        break;
      case "--help":
      case "-h":
        help = true;
        break;
      default:
        throw new CliUsageError(`unknown option ${arg}`);
    }
  }
  const parsed = haierSyncRequestSchema.safeParse(raw);
  if (!parsed.success) throw new CliUsageError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  return { request: parsed.data, dryRun, sync, help };
}

/** Seed 003's closing report ("生成总结报告"). */
export function summaryReport(
  kind: string,
  counts: import("../../lib/haier/sync/types").SyncCounts,
  seconds: number,
  status: string,
): string {
  const perMinute = seconds > 0 ? Math.round((counts.success / seconds) * 60) : counts.success;
  const avgLatency = counts.apiCalls > 0 ? Math.round(counts.apiLatencyMs / counts.apiCalls) : 0;
  return [
    "",
    "==== Haier sync summary ====",
    `status:            ${status}`,
    `processed:         ${counts.success + counts.failed}`,
    `succeeded:         ${counts.success}`,
    `failed:            ${counts.failed}${
      counts.failed
        ? `  (${Object.entries(counts.failuresByKind)
            .map(([k, n]) => `${k} ${n}`)
            .join(", ")})`
        : ""
    }`,
    `created / updated / unchanged: ${counts.created} / ${counts.updated} / ${counts.unchanged}`,
    `prices changed:    ${counts.pricesUpdated}`,
    `stock changed:     ${counts.stockUpdated}`,
    `images stored:     ${counts.imagesStored} (broken ${counts.imageErrors})`,
    `API calls:         ${counts.apiCalls} (avg ${avgLatency} ms)`,
    `duration:          ${seconds.toFixed(1)} s (${perMinute} products/min)`,
    `message:           ${summarizeSync(kind, counts)}`,
  ].join("\n");
}

async function withHaierEnv<T>(fn: () => Promise<T>): Promise<T> {
  if (process.env.HAIER_BASE_URL) return fn();
  // Nothing names Haier: use an in-process simulator so the command works out of the box.
  const { startHaierSimulator } = await import("../../lib/local-runtime/simulators/haier");
  const { embeddedHaierEnv } = await import("../../lib/haier/config");
  const secret = "cli-simulator-secret";
  const sim = await startHaierSimulator({ clientId: "resale-ops-embedded", clientSecret: secret });
  Object.assign(process.env, embeddedHaierEnv(sim.url, secret));
  console.log(`HAIER_BASE_URL is not set: using an in-process Haier simulator at ${sim.url}`);
  try {
    return await fn();
  } finally {
    await sim.stop();
  }
}

export async function runSyncCli(
  argv: string[],
  queue: (request: HaierSyncRequest) => Promise<{ logId: number; eventId: string | null }>,
): Promise<number> {
  try {
    const options = parseSyncCliArgs(argv);
    if (options.help) {
      console.log(USAGE);
      return 0;
    }
    const { request } = options;
    if (options.dryRun) {
      return await withHaierEnv(async () => {
        const client = haierClientFor(haierConfigFromEnv());
        const plan = await planSync({ db: prisma, client }, request);
        const codes = plan.batches.flat();
        console.log(`[haier] ${request.syncType}: ${codes.length} products in ${plan.batches.length} steps (dry run: nothing written)`);
        for (const code of codes.slice(0, 50)) console.log(`  ${code}`);
        if (codes.length > 50) console.log(`  … and ${codes.length - 50} more`);
        if (plan.counts.failed) console.log(`  ${plan.counts.failed} catalogue records without productCode would fail`);
        return 0;
      });
    }
    if (options.sync) {
      return await withHaierEnv(async () => {
        const log = await createSyncLog(prisma, { syncType: request.syncType, triggeredBy: "cli --sync", options: request });
        const started = Date.now();
        const outcome = await runHaierSync(
          {
            ...haierSyncDepsFromEnv(prisma),
            onProgress: (c, step, steps) => console.log(`  step ${step}/${steps}: ${c.success} ok, ${c.failed} failed`),
          },
          directSteps,
          { logId: log.id, request },
        );
        if (outcome.error) console.error(`[haier] ${outcome.error.kind}: ${outcome.error.message}`);
        console.log(summaryReport(request.syncType, outcome.counts, (Date.now() - started) / 1000, outcome.status));
        console.log(`HaierSyncLog #${log.id}`);
        return outcome.status === "failed" ? 1 : 0;
      });
    }
    const queued = await queue(request);
    console.log(`Queued ${request.syncType} sync: HaierSyncLog #${queued.logId} (event ${queued.eventId ?? "?"}); follow it on /haier`);
    return 0;
  } catch (error) {
    if (error instanceof CliUsageError) {
      console.error(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    console.error(`[haier] ${(error as Error).message}`);
    return 1;
  } finally {
    await prisma.$disconnect();
  }
}
