// Haier product sync from the shell (seed 003 `sync_haier_products`); see scripts/lib/haier-sync-cli.ts:
//   npx tsx scripts/sync-haier-products.ts --sync-prices --sync-stock            # queue on the engine
//   npx tsx scripts/sync-haier-products.ts --product-codes HR0000001 HR0000002 --sync
//   npx tsx scripts/sync-haier-products.ts --dry-run --brand AQUA
import { prepareEngineEnv } from "./lib/engine-env";

prepareEngineEnv();
const { runSyncCli } = await import("./lib/haier-sync-cli");
const { queueHaierSync } = await import("../lib/haier/queue-sync");
const { inngest } = await import("../inngest/client");
const { prisma } = await import("../lib/db/client");

process.exitCode = await runSyncCli(process.argv.slice(2), async (request) => {
  try {
    return await queueHaierSync({ db: prisma, send: (event) => inngest.send(event) }, request, "cli");
  } catch (error) {
    throw new Error(
      `Could not queue the sync: ${(error as Error).message}. Is the platform running (npm run platform)? Or use --sync to run it here.`,
    );
  }
});
