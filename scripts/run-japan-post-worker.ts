// The Japan Post worker from the shell, with the options of seed 001 §5.1:
//   npx tsx scripts/run-japan-post-worker.ts --dry-run     # list matching orders
//   npx tsx scripts/run-japan-post-worker.ts --sync        # run once in this process
//   npx tsx scripts/run-japan-post-worker.ts [--count 3]   # queue runs on the engine
import { prepareEngineEnv } from "./lib/engine-env";

prepareEngineEnv();
const { runWorkerCli } = await import("./lib/worker-cli");
process.exitCode = await runWorkerCli("japan-post", process.argv.slice(2));
