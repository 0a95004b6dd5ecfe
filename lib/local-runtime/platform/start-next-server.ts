import path from "node:path";
import { startPortService } from "./start-port-service";

export interface NextServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Starts the built app (`next start`), or `next dev` when asked, with the given environment. */
export async function startNextServer(options: {
  port: number;
  env: Record<string, string | undefined>;
  mode?: "start" | "dev";
  log?: (line: string) => void;
}): Promise<NextServer> {
  const service = await startPortService({
    name: "The Next.js server",
    command: path.join(process.cwd(), "node_modules", ".bin", "next"),
    args: [options.mode ?? "start", "-p", String(options.port), "-H", "127.0.0.1"],
    port: options.port,
    timeoutMs: Number(process.env.NEXT_START_TIMEOUT_MS ?? 120_000),
    stopSignal: "SIGTERM",
    env: options.env,
    log: options.log,
  });
  return { url: `http://localhost:${options.port}`, pid: service.pid, stop: service.stop };
}
