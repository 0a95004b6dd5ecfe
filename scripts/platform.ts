// The run command's Node half (scripts/platform.sh installs and builds first).
import { chmodSync, closeSync, openSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";
import { startPlatform } from "../lib/platform/start-platform";

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
if (platform.firstAdmin) showFirstAdmin(platform.firstAdmin);
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

/**
 * The first admin's password is shown once on the terminal, never in a log:
 * when stdout is redirected (a log file, a process manager) it goes to the
 * controlling terminal, or without one into a file only this user can read.
 */
function showFirstAdmin(admin: { email: string; password: string }) {
  const secretLines = [
    `  First admin account created. Sign in with:`,
    `    email:    ${admin.email}`,
    `    password: ${admin.password}`,
    `  (shown once; reset it with: npm run user -- --email ${admin.email} --password NEW --role admin)`,
  ].join("\n");
  if (process.stdout.isTTY) {
    console.log(secretLines);
    return;
  }
  try {
    const tty = openSync("/dev/tty", "w");
    writeSync(tty, `${secretLines}\n`);
    closeSync(tty);
    console.log(`  First admin account created (${admin.email}); its password was shown on the terminal only.`);
    return;
  } catch {
    // No controlling terminal (a service, CI): fall through to a private file.
  }
  const file = path.join(dataDir, "first-admin.txt");
  writeFileSync(file, `${secretLines}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  console.log(`  First admin account created (${admin.email}); its password is in ${file} (readable by you only; delete it after signing in).`);
}
