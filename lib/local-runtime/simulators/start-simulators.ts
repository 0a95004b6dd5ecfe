// Starts every simulator the platform talks to (embedded mode and tests).
import {
  definedOnly,
  envNumber,
  type RunningSimulator,
  type SharedSimulatorOptions,
  type SimulatorDefinition,
} from "./framework/definition";
import { temuSimulatorDefinition } from "./temu/definition";
import { haierSimulatorDefinition } from "./haier/definition";
import { webScraperSimulatorDefinition } from "./webscraper/definition";

// One line per simulator. Keys name the simulator in options and in the result.
const SIMULATORS = {
  webscraper: webScraperSimulatorDefinition,
  temu: temuSimulatorDefinition,
  haier: haierSimulatorDefinition,
} satisfies Record<string, SimulatorDefinition<any, RunningSimulator>>;

type Simulators = typeof SIMULATORS;
export type SimulatorName = keyof Simulators;
type OptionsOf<K extends SimulatorName> = Parameters<Simulators[K]["start"]>[0];
type HandleOf<K extends SimulatorName> = Awaited<ReturnType<Simulators[K]["start"]>>;

export type StartSimulatorsOptions = SharedSimulatorOptions & {
  /**
   * Read each simulator's options from these variables (see lib/local-runtime/simulators/README.md);
   * explicit options below win over them. Omit to ignore the environment.
   */
  env?: Record<string, string | undefined>;
  /** Apply the platform's embedded-mode defaults (e.g. sitemap names). Default true. */
  platformDefaults?: boolean;
} & { [K in SimulatorName]?: OptionsOf<K> | false };

export type RunningSimulators = { [K in SimulatorName]?: HandleOf<K> } & {
  /** Variables pointing the platform at the simulators, e.g. WEB_SCRAPER_API_BASE_URL. */
  env: Record<string, string>;
  stop(): Promise<void>;
};

export const SIMULATOR_NAMES = Object.keys(SIMULATORS) as SimulatorName[];

export async function startSimulators(options: StartSimulatorsOptions = {}): Promise<RunningSimulators> {
  const seedFromEnv = options.env ? envNumber(options.env, "SIMULATOR_SEED") : undefined;
  const shared: SharedSimulatorOptions = {
    seed: options.seed ?? seedFromEnv,
    host: options.host,
    log: options.log,
  };
  const started: RunningSimulator[] = [];
  const handles: Record<string, RunningSimulator> = {};
  const stop = async () => {
    await Promise.allSettled(started.map((simulator) => simulator.stop()));
  };

  try {
    for (const name of SIMULATOR_NAMES) {
      const explicit = options[name];
      if (explicit === false) continue;
      const definition: SimulatorDefinition<SharedSimulatorOptions, RunningSimulator> = SIMULATORS[name];
      const merged = {
        ...definedOnly(shared),
        ...(options.platformDefaults === false ? {} : definition.platformDefaults()),
        ...(options.env ? definition.optionsFromEnv(options.env) : {}),
        ...(explicit ?? {}),
      };
      const simulator = await definition.start(merged);
      started.push(simulator);
      handles[name] = simulator;
      options.log?.(`[simulators] ${name} on ${simulator.url}`);
    }
  } catch (error) {
    await stop();
    throw error;
  }

  const env = Object.assign({}, ...started.map((simulator) => simulator.env())) as Record<string, string>;
  return { ...(handles as { [K in SimulatorName]?: HandleOf<K> }), env, stop };
}
