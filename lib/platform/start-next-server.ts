import { spawn } from "node:child_process";
import path from "node:path";
import { waitForPort } from "./wait-for-port";

export interface NextServer {
  url: string;
  stop(): Promise<void>;
}

/** Starts the built app (`next start`), or `next dev` when asked, with the given environment. */
export async function startNextServer(options: {
  port: number;
  env: Record<string, string | undefined>;
  mode?: "start" | "dev";
  log?: (line: string) => void;
}): Promise<NextServer> {
  const bin = path.join(process.cwd(), "node_modules", ".bin", "next");
  const child = spawn(bin, [options.mode ?? "start", "-p", String(options.port), "-H", "127.0.0.1"], {
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let recent = "";
  const onData = (chunk: Buffer) => {
    const text = chunk.toString();
    recent = (recent + text).slice(-4000);
    for (const line of text.split("\n")) if (line.trim()) options.log?.(line);
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    await waitForPort(options.port, { timeoutMs: 120_000, isAlive: () => child.exitCode === null });
  } catch (error) {
    child.kill("SIGKILL");
    throw new Error(`The Next.js server did not start: ${(error as Error).message}\n${recent}`);
  }
  return {
    url: `http://localhost:${options.port}`,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
