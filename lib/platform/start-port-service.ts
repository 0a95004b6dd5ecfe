// A child process that serves on a port (the embedded database, the Next.js
// app): started, awaited until it listens, and stopped with the signal that lets
// it shut down cleanly, killed if it does not within 10 s.
import { spawn } from "node:child_process";
import { waitForPort } from "./wait-for-port";

export interface PortService {
  stop(): Promise<void>;
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
    env: { ...process.env, ...options.env },
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
    async stop() {
      if (child.exitCode !== null) return;
      child.kill(options.stopSignal);
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
