import { definedOnly, envJson, envNumber, type SimulatorDefinition } from "../framework/definition";
import type { FaultConfig } from "../framework/types";
import type { HaierSimulatorOptions } from "./options";
import { startHaierSimulator, type HaierSimulator } from "./simulator";

function optionsFromEnv(env: Record<string, string | undefined>): HaierSimulatorOptions {
  return definedOnly({
    port: envNumber(env, "HAIER_SIMULATOR_PORT"),
    // The simulator accepts exactly the credentials the platform's client sends.
    clientId: env.HAIER_CLIENT_ID?.trim() || undefined,
    clientSecret: env.HAIER_CLIENT_ID?.trim() ? (env.HAIER_CLIENT_SECRET ?? "") : undefined,
    tokenTtlSeconds: envNumber(env, "HAIER_SIMULATOR_TOKEN_TTL_SECONDS"),
    catalogueSize: envNumber(env, "HAIER_SIMULATOR_CATALOGUE_SIZE"),
    faults: envJson<Partial<FaultConfig>>(env, "HAIER_SIMULATOR_FAULTS"),
  });
}

export const haierSimulatorDefinition: SimulatorDefinition<HaierSimulatorOptions, HaierSimulator> = {
  platformDefaults: () => ({}),
  optionsFromEnv,
  start: startHaierSimulator,
};
