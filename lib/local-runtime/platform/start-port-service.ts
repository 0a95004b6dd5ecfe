// A child process that serves on a port (the embedded database, the Next.js
// app): started, awaited until it listens, and stopped with the signal that lets
// it shut down cleanly, killed if it does not within 10 s. Each child watches
// its parent (parent-watch.cjs, preloaded through NODE_OPTIONS, inherited by
// the child's own Node children) and stops itself with the same signal when
// the platform dies without stopping it.
import { spawn } from "node:child_process";
import path from "node:path";
import { waitForPort } from "./wait-for-port";

export interface PortService {
  pid: number;
  stop(): Promise<void>;
}

export const PARENT_WATCH_PRELOAD = path.join(import.meta.dirname, "parent-watch.cjs");

function withParentWatch(env: Record<string, string | undefined>, signal: NodeJS.Signals): Record<string, string | undefined> {
  const preload = `--require ${JSON.stringify(PARENT_WATCH_PRELOAD)}`;
  const existing = env.NODE_OPTIONS ?? "";
  return {
    ...env,
    NODE_OPTIONS: existing.includes(PARENT_WATCH_PRELOAD) ? existing : `${existing} ${preload}`.trim(),
    PARENT_WATCH_SIGNAL: signal,
  };
}

export async function startPortService(options: {
  name: string;
  command: string;
  args: string[];
  port: number;
  timeoutMs: number;
  stopSignal: NodeJS.Signals;
  env?: Record<string, string | undefined>;
  log?: (line: string) => void;
}): Promise<PortService> {
  const child = spawn(options.command, options.args, {
    env: withParentWatch({ ...process.env, ...options.env }, options.stopSignal) as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  // The tail of the output explains a failed start.
  let recent = "";
  const onData = (chunk: Buffer) => {
    const text = chunk.toString();
    recent = (recent + text).slice(-4000);
    if (options.log) for (const line of text.split("\n")) if (line.trim()) options.log(line);
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  try {
    await waitForPort(options.port, { timeoutMs: options.timeoutMs, isAlive: () => child.exitCode === null });
  } catch (error) {
    child.kill("SIGKILL");
    throw new Error(`${options.name} did not start on port ${options.port}: ${(error as Error).message}\n${recent}`);
  }

  return {
    pid: child.pid!,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill(options.stopSignal);
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
