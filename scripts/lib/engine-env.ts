// Imported by the worker CLIs before anything creates the Inngest client, which
// reads its settings once. When nothing names an Inngest server, events go to
// the local executor that `npm run platform` starts, with the event key it
// generated into the data folder (.data/secrets.json).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { executorSwitchedOff } from "../../lib/engine/engine-settings";

export function prepareEngineEnv(env: NodeJS.ProcessEnv = process.env): void {
  // INNGEST_EXECUTOR=off: the SDK's own settings decide where events go, untouched.
  if (executorSwitchedOff(env)) return;
  if (env.INNGEST_EVENT_KEY || env.INNGEST_BASE_URL || env.INNGEST_DEV) return;
  env.INNGEST_BASE_URL = `http://${env.INNGEST_EXECUTOR_HOST ?? "127.0.0.1"}:${env.INNGEST_EXECUTOR_PORT ?? 8288}`;
  const secretsFile = path.resolve(env.PLATFORM_DATA_DIR ?? ".data", "secrets.json");
  let eventKey: string | undefined;
  try {
    if (existsSync(secretsFile)) eventKey = JSON.parse(readFileSync(secretsFile, "utf8")).INNGEST_EVENT_KEY;
  } catch {
    eventKey = undefined;
  }
  // Without the platform's key, dev mode still reaches an executor that checks none.
  if (eventKey) env.INNGEST_EVENT_KEY = eventKey;
  else env.INNGEST_DEV = "1";
}
