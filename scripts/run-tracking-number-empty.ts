// The tracking-number-empty worker from the shell (seed 001 §5.1):
//   npx tsx scripts/run-tracking-number-empty.ts --dry-run     # list matching orders
//   npx tsx scripts/run-tracking-number-empty.ts --sync        # run once in this process
//   npx tsx scripts/run-tracking-number-empty.ts [--count 3]   # queue runs on the engine
import { prepareEngineEnv } from "./lib/engine-env";

prepareEngineEnv();
const { runWorkerCli } = await import("./lib/worker-cli");
process.exitCode = await runWorkerCli("tracking-number-empty", process.argv.slice(2));
