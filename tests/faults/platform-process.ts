// The platform as `npm run platform` runs it (scripts/platform.ts in its own
// process, the built app, the embedded database, the simulator, the executor),
// on free ports and a data directory of the test's, for fault injection:
// kill -9 it, stop its database with SIGSTOP, start it again on the same data.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { freePort } from "../../lib/local-runtime/platform/wait-for-port";
import type { PidfileContent } from "../../lib/local-runtime/platform/platform-pidfile";

export interface PlatformPorts {
  app: number;
  db: number;
  executor: number;
  simulator: number;
}

export interface PlatformProcess {
  child: ChildProcess;
  output: string[];
  exited: Promise<number | null>;
}

export async function choosePorts(): Promise<PlatformPorts> {
  return { app: await freePort(), db: await freePort(), executor: await freePort(), simulator: await freePort() };
}

/** Variables the test process carries that must not leak into the platform (the test database, an Inngest setup). */
const INHERITED_OUT = [
  "DATABASE_URL",
  "TEST_DATABASE_URL",
  "INNGEST_BASE_URL",
  "INNGEST_EVENT_KEY",
  "INNGEST_SIGNING_KEY",
  "INNGEST_DEV",
  "NODE_OPTIONS",
  "VITEST",
  "VITEST_POOL_ID",
  "VITEST_WORKER_ID",
  "NODE_ENV",
];

export async function startPlatformProcess(
  dataDir: string,
  ports: PlatformPorts,
  env: Record<string, string> = {},
  timeoutMs = 480_000,
): Promise<PlatformProcess> {
  const base: Record<string, string | undefined> = { ...process.env };
  for (const name of INHERITED_OUT) delete base[name];
  const child = spawn(process.execPath, ["--import", "tsx", path.join("scripts", "platform.ts")], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env: {
      ...base,
      NEXT_TELEMETRY_DISABLED: "1",
      PLATFORM_DATA_DIR: dataDir,
      PORT: String(ports.app),
      EMBEDDED_DB_PORT: String(ports.db),
      INNGEST_EXECUTOR_PORT: String(ports.executor),
      WEBSCRAPER_SIMULATOR_PORT: String(ports.simulator),
      ...env,
    } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`platform did not start within ${timeoutMs} ms:\n${output.slice(-40).join("\n")}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n")) if (line.trim()) output.push(line);
      if (chunk.toString().includes("is running at")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`platform exited with ${code} before it was ready:\n${output.slice(-40).join("\n")}`));
    });
  });
  await ready;
  return { child, output, exited };
}

export function readPidfile(dataDir: string): PidfileContent {
  return JSON.parse(readFileSync(path.join(dataDir, "platform.pid"), "utf8")) as PidfileContent;
}

export function readSecrets(dataDir: string): Record<string, string> {
  return JSON.parse(readFileSync(path.join(dataDir, "secrets.json"), "utf8")) as Record<string, string>;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Sends events to the platform's executor the way the worker CLIs do. */
export async function sendEvents(
  dataDir: string,
  ports: PlatformPorts,
  events: { name: string; data: Record<string, unknown>; id?: string }[],
): Promise<string[]> {
  const key = readSecrets(dataDir).INNGEST_EVENT_KEY;
  const response = await fetch(`http://127.0.0.1:${ports.executor}/e/${key}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(events),
  });
  if (!response.ok) throw new Error(`executor answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { ids: string[] }).ids;
}
