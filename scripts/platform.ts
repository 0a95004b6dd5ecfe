// The run command's Node half (scripts/platform.sh installs and builds first).
import path from "node:path";
import { showFirstAdmin } from "../lib/local-runtime/platform/show-first-admin";
import { startPlatform } from "../lib/local-runtime/platform/start-platform";

const dataDir = path.resolve(process.env.PLATFORM_DATA_DIR ?? ".data");
const appPort = Number(process.env.PORT ?? 3000);

const platform = await startPlatform({
  dataDir,
  appPort,
  databaseUrl: process.env.DATABASE_URL,
  demoData: process.env.DEMO_DATA !== "0",
  nextMode: process.env.PLATFORM_NEXT_MODE === "dev" ? "dev" : "start",
  log: (line) => console.log(line),
}).catch((error: Error) => {
  console.error(`\nThe platform could not start: ${error.message}`);
  if (process.env.DEBUG) console.error(error.stack);
  process.exit(1);
});

console.log(`\n  Resale Ops is running at ${platform.appUrl}`);
if (platform.firstAdmin) showFirstAdmin(platform.firstAdmin, dataDir);
console.log(`  Press Ctrl-C to stop.\n`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    console.log("\n[platform] stopping…");
    await platform.stop();
    console.log("[platform] stopped; data kept in", dataDir);
    process.exit(0);
  });
}
