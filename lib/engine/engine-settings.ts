// Whether this deployment runs its own executor or talks to a real Inngest
// server (Cloud, or self-hosted `inngest start`). The executor stays off when
// INNGEST_EXECUTOR=off, when INNGEST_BASE_URL names anything but this
// executor's own host AND port, or when event + signing keys are set without
// INNGEST_DEV; then the SDK's own settings take over unchanged.

export interface ExecutorSettings {
  enabled: boolean;
  mode: "local" | "inngest";
  reason: string;
  port: number;
  host: string;
  /** What the app process needs as INNGEST_BASE_URL when the executor is on. */
  baseUrl: string;
}

function isTruthy(value: string | undefined): boolean {
  return value !== undefined && value !== "" && !["0", "false", "no", "off"].includes(value.toLowerCase());
}

/** INNGEST_EXECUTOR=off (or 0/false/no): never start or assume the local executor. */
export function executorSwitchedOff(env: Record<string, string | undefined> = process.env): boolean {
  const value = env.INNGEST_EXECUTOR;
  return value !== undefined && value !== "" && !isTruthy(value);
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "[::1]", "0.0.0.0"]);

function sameHost(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x === y || (LOOPBACK.has(x) && LOOPBACK.has(y));
}

/**
 * True only when `baseUrl` reaches this executor: same host (loopback names
 * are one host) and the same port. A self-hosted `inngest start` on another
 * loopback port is a real Inngest server, not us.
 */
export function pointsAtLocalExecutor(baseUrl: string, executor: { host: string; port: number }): boolean {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return false;
  }
  if (url.protocol !== "http:") return false;
  const port = url.port === "" ? 80 : Number(url.port);
  return port === executor.port && sameHost(url.hostname, executor.host);
}

export function executorSettingsFromEnv(env: Record<string, string | undefined> = process.env): ExecutorSettings {
  const port = Number(env.INNGEST_EXECUTOR_PORT || 8288);
  const host = env.INNGEST_EXECUTOR_HOST || "127.0.0.1";
  const baseUrl = `http://${host.includes(":") && !host.startsWith("[") ? `[${host}]` : host}:${port}`;
  const local = (reason: string): ExecutorSettings => ({ enabled: true, mode: "local", reason, port, host, baseUrl });
  const inngest = (reason: string): ExecutorSettings => ({ enabled: false, mode: "inngest", reason, port, host, baseUrl });

  if (executorSwitchedOff(env)) return inngest(`INNGEST_EXECUTOR=${env.INNGEST_EXECUTOR}`);
  const configuredBase = env.INNGEST_BASE_URL;
  if (configuredBase) {
    if (!pointsAtLocalExecutor(configuredBase, { host, port })) {
      return inngest(`INNGEST_BASE_URL points at ${configuredBase}, not at the local executor (${baseUrl})`);
    }
    return local("INNGEST_BASE_URL points at the local executor");
  }
  const devRequested = isTruthy(env.INNGEST_DEV);
  if (env.INNGEST_EVENT_KEY && env.INNGEST_SIGNING_KEY && !devRequested) {
    return inngest("INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY are set without INNGEST_DEV");
  }
  return local(devRequested ? "INNGEST_DEV is set" : "no Inngest server is configured");
}
