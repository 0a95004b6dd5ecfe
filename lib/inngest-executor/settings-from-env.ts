// Whether this deployment runs its own executor or talks to a real Inngest
// server. A real server is configured when INNGEST_BASE_URL points elsewhere,
// or when event + signing keys are set without INNGEST_DEV: then the local
// executor stays off and the SDK's own settings take over unchanged.

export interface ExecutorSettings {
  enabled: boolean;
  mode: "local" | "inngest-cloud";
  reason: string;
  port: number;
  host: string;
  /** What the app process needs as INNGEST_BASE_URL when the executor is on. */
  baseUrl: string;
}

function isTruthy(value: string | undefined): boolean {
  return value !== undefined && value !== "" && !["0", "false", "no", "off"].includes(value.toLowerCase());
}

export function executorSettingsFromEnv(env: Record<string, string | undefined> = process.env): ExecutorSettings {
  const port = Number(env.INNGEST_EXECUTOR_PORT ?? 8288);
  const host = env.INNGEST_EXECUTOR_HOST ?? "127.0.0.1";
  const baseUrl = `http://${host}:${port}`;
  const local = (reason: string): ExecutorSettings => ({ enabled: true, mode: "local", reason, port, host, baseUrl });
  const cloud = (reason: string): ExecutorSettings => ({ enabled: false, mode: "inngest-cloud", reason, port, host, baseUrl });

  if (env.INNGEST_EXECUTOR === "off") return cloud("INNGEST_EXECUTOR=off");
  const configuredBase = env.INNGEST_BASE_URL;
  if (configuredBase) {
    let pointsAtUs = false;
    try {
      const configured = new URL(configuredBase);
      // Any loopback address counts as ours: the run command may pick another
      // port for the executor, and an Inngest dev server cannot run here anyway.
      pointsAtUs = ["127.0.0.1", "localhost", "::1", "[::1]", host].includes(configured.hostname);
    } catch {
      pointsAtUs = false;
    }
    if (!pointsAtUs) return cloud(`INNGEST_BASE_URL points at ${configuredBase}`);
    return local("INNGEST_BASE_URL points at the local executor");
  }
  const devRequested = isTruthy(env.INNGEST_DEV);
  if (env.INNGEST_EVENT_KEY && env.INNGEST_SIGNING_KEY && !devRequested) {
    return cloud("INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY are set without INNGEST_DEV");
  }
  return local(devRequested ? "INNGEST_DEV is set" : "no Inngest server is configured");
}
