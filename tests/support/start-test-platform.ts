import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startPlatform, type PlatformOptions, type RunningPlatform } from "../../lib/local-runtime/platform/start-platform";
import { freePort } from "../../lib/local-runtime/platform/wait-for-port";

export interface TestPlatform extends RunningPlatform {
  dataDir: string;
  logs: string[];
  /** Stops the platform and removes its data folder. */
  dispose(): Promise<void>;
}

/** The real run path (embedded Postgres, migrations, demo data, simulators, app) on free ports. */
export async function startTestPlatform(options: Partial<PlatformOptions> = {}): Promise<TestPlatform> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), "resale-ops-platform-"));
  const logs: string[] = [];
  const platform = await startPlatform({
    dataDir,
    appPort: options.appPort ?? (await freePort()),
    dbPort: options.dbPort ?? (await freePort()),
    executorPort: options.executorPort ?? (await freePort()),
    log: (line) => logs.push(line),
    ...options,
    // Strict catalogs: a page rendering a string missing from messages/ fails (issue 11).
    extraEnv: { I18N_STRICT: "1", ...options.extraEnv },
  });
  return {
    ...platform,
    dataDir,
    logs,
    async dispose() {
      await platform.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
