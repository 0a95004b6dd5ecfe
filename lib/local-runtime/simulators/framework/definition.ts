/** What every simulator handle offers the platform's start helper. */
export interface RunningSimulator {
  readonly name: string;
  readonly url: string;
  /** Environment variables pointing the platform at this simulator. */
  env(): Record<string, string>;
  stop(): Promise<void>;
}

/** Options every simulator understands; the start helper passes them to each. */
export interface SharedSimulatorOptions {
  seed?: number;
  host?: string;
  log?: (line: string) => void;
}

/** How the start helper knows a simulator: registering one is one line in start-simulators.ts. */
export interface SimulatorDefinition<Options extends SharedSimulatorOptions, Handle extends RunningSimulator> {
  /** Options the platform wants in embedded mode (e.g. its sitemap names). */
  platformDefaults(): Options;
  /** Options read from environment variables (documented in lib/local-runtime/simulators/README.md). */
  optionsFromEnv(env: Record<string, string | undefined>): Options;
  start(options: Options): Promise<Handle>;
}

export class SimulatorEnvError extends Error {}

export function envNumber(env: Record<string, string | undefined>, name: string): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new SimulatorEnvError(`${name} must be a number, got "${raw}"`);
  return value;
}

export function envJson<T>(env: Record<string, string | undefined>, name: string): T | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as T;
  } catch {
    throw new SimulatorEnvError(`${name} must be JSON, got "${raw}"`);
  }
}

export function envNumberList(env: Record<string, string | undefined>, name: string): number[] | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const values = raw.split(",").map((part) => Number(part.trim()));
  if (values.some((value) => !Number.isFinite(value))) {
    throw new SimulatorEnvError(`${name} must be comma-separated numbers, got "${raw}"`);
  }
  return values;
}

/** Drops undefined values so that spreading env options never erases defaults. */
export function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
